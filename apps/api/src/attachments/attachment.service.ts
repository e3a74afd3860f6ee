import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { isAttachmentContentType, type ApiProcessConfig, type AttachmentContentType } from '@docket/config';
import { DomainError, DomainErrorCode, type Actor } from '@docket/domain';
import type { AttachmentRecord, AttachmentStore } from '@docket/persistence';
import { API_CONFIG } from '../api.tokens';
import { CaseService } from '../cases/case.service';
import { ApiError, ApiErrorCode } from '../errors/api-error-code';
import { sanitiseFilename } from './attachment-filename';
import { assertMayAttach, type AttachmentCategory } from './attachment-rules';
import { contentMatchesType, mediaTypeEssence } from './content-sniffing';
import { FILE_FIELD, type ReceivedFile } from './multipart-upload.guard';

/** Injection token of the AttachmentStore the service keeps attachments in. */
export const ATTACHMENT_STORE = Symbol('ATTACHMENT_STORE');

export interface AttachmentFields {
  readonly category?: AttachmentCategory;
  readonly description?: string;
}

/**
 * Evidence and documents of a case. Who may see them follows who may read the case (CaseService),
 * so an attachment of a case the actor may not read does not exist for them either. The bytes go
 * to the AttachmentStore and nowhere else: never into a workflow's input, update or history.
 */
@Injectable()
export class AttachmentService {
  private readonly allowedTypes: readonly AttachmentContentType[];

  constructor(
    private readonly cases: CaseService,
    @Inject(ATTACHMENT_STORE) private readonly store: AttachmentStore,
    @Inject(API_CONFIG) config: ApiProcessConfig,
  ) {
    this.allowedTypes = config.attachments.allowedTypes;
  }

  /** Stores the document on the case; it is durable (bytes and metadata) when this resolves. */
  async upload(caseId: string, actor: Actor, file: ReceivedFile, fields: AttachmentFields): Promise<AttachmentRecord> {
    const state = await this.cases.read(caseId, actor);
    assertMayAttach(state, actor);
    const contentType = this.acceptedType(file);
    const description = fields.description?.trim();
    return this.store.save(
      {
        attachmentId: randomUUID(),
        caseId: state.caseId,
        agencyId: state.agencyId,
        filename: sanitiseFilename(file.originalName),
        contentType,
        sizeBytes: file.sizeBytes,
        sha256: file.sha256,
        category: fields.category ?? 'evidence',
        ...(description === undefined || description === '' ? {} : { description }),
        uploadedBy: { userId: actor.userId, role: actor.role, agencyId: actor.agencyId },
      },
      file.content,
    );
  }

  async list(caseId: string, actor: Actor): Promise<AttachmentRecord[]> {
    await this.cases.read(caseId, actor);
    return this.store.list(caseId);
  }

  async download(caseId: string, attachmentId: string, actor: Actor): Promise<{ attachment: AttachmentRecord; content: Buffer }> {
    await this.cases.read(caseId, actor);
    const found = await this.store.read(caseId, attachmentId);
    if (found === undefined) {
      throw new DomainError(DomainErrorCode.AttachmentNotFound, `no attachment ${attachmentId} on case ${caseId}`);
    }
    return found;
  }

  /** The declared type, when it is allowed and the bytes bear it out (a renamed .exe is not a PDF). */
  private acceptedType(file: ReceivedFile): AttachmentContentType {
    const declared = mediaTypeEssence(file.declaredType);
    if (!isAttachmentContentType(declared) || !this.allowedTypes.includes(declared)) {
      throw new ApiError(
        ApiErrorCode.UnsupportedMediaType,
        `${FILE_FIELD}: ${declared === '' ? 'no content type was declared' : `${declared} is not accepted`}; send one of ${this.allowedTypes.join(', ')}`,
        FILE_FIELD,
      );
    }
    if (!contentMatchesType(declared, file.content)) {
      throw new ApiError(ApiErrorCode.UnsupportedMediaType, `${FILE_FIELD}: the content is not ${declared}, as the upload declared`, FILE_FIELD);
    }
    return declared;
  }
}
