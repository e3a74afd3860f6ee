import type { DataSource } from 'typeorm';
import { AttachmentContentEntity } from '../entities/attachment-content.entity';
import { AttachmentEntity } from '../entities/attachment.entity';

/** An attachment's metadata, as stored. */
export interface AttachmentRecord {
  readonly attachmentId: string;
  readonly caseId: string;
  readonly agencyId: string;
  readonly filename: string;
  readonly contentType: string;
  readonly sizeBytes: number;
  /** Lower-case hex SHA-256 of the bytes. */
  readonly sha256: string;
  readonly category: string;
  readonly description?: string;
  readonly uploadedBy: { readonly userId: string; readonly role: string; readonly agencyId: string };
  readonly uploadedAt: Date;
}

export type NewAttachment = Omit<AttachmentRecord, 'uploadedAt'>;

/**
 * Where attachment bytes and metadata are kept. Docket keeps both in PostgreSQL today
 * (`AttachmentRepository`); an object store (S3, OSS, MinIO) can take the bytes behind this
 * interface later, provided `save` still returns only once both are durable. Contents are never
 * put in a Temporal payload: a workflow refers to an attachment by id and digest only.
 */
export interface AttachmentStore {
  /** Stores metadata and bytes together: both or neither. */
  save(attachment: NewAttachment, content: Buffer): Promise<AttachmentRecord>;
  /** A case's attachments, oldest first, without their bytes. */
  list(caseId: string): Promise<AttachmentRecord[]>;
  /** One attachment of a case with its bytes, or undefined when the case has none by that id. */
  read(caseId: string, attachmentId: string): Promise<{ readonly attachment: AttachmentRecord; readonly content: Buffer } | undefined>;
}

/** Attachments in PostgreSQL: `attachments` for metadata, `attachment_contents` (bytea) for bytes. */
export class AttachmentRepository implements AttachmentStore {
  constructor(private readonly dataSource: DataSource) {}

  async save(attachment: NewAttachment, content: Buffer): Promise<AttachmentRecord> {
    return this.dataSource.transaction(async (manager) => {
      const row = manager.create(AttachmentEntity, {
        id: attachment.attachmentId,
        caseId: attachment.caseId,
        agencyId: attachment.agencyId,
        filename: attachment.filename,
        contentType: attachment.contentType,
        sizeBytes: attachment.sizeBytes,
        sha256: attachment.sha256,
        category: attachment.category,
        description: attachment.description ?? null,
        uploadedByUserId: attachment.uploadedBy.userId,
        uploadedByRole: attachment.uploadedBy.role,
        uploadedByAgencyId: attachment.uploadedBy.agencyId,
      });
      await manager.insert(AttachmentEntity, row);
      await manager.insert(AttachmentContentEntity, { attachmentId: attachment.attachmentId, sha256: attachment.sha256, content });
      // uploaded_at is the database's clock, read back within the same transaction.
      const stored = await manager.findOneByOrFail(AttachmentEntity, { id: attachment.attachmentId });
      return toRecord(stored);
    });
  }

  async list(caseId: string): Promise<AttachmentRecord[]> {
    const rows = await this.dataSource.getRepository(AttachmentEntity).find({ where: { caseId }, order: { uploadedAt: 'ASC', id: 'ASC' } });
    return rows.map(toRecord);
  }

  async read(caseId: string, attachmentId: string): Promise<{ attachment: AttachmentRecord; content: Buffer } | undefined> {
    const row = await this.dataSource.getRepository(AttachmentEntity).findOneBy({ id: attachmentId, caseId });
    if (row === null) {
      return undefined;
    }
    const content = await this.dataSource.getRepository(AttachmentContentEntity).findOneByOrFail({ attachmentId });
    return { attachment: toRecord(row), content: content.content };
  }
}

function toRecord(row: AttachmentEntity): AttachmentRecord {
  return {
    attachmentId: row.id,
    caseId: row.caseId,
    agencyId: row.agencyId,
    filename: row.filename,
    contentType: row.contentType,
    sizeBytes: row.sizeBytes,
    sha256: row.sha256,
    category: row.category,
    ...(row.description === null ? {} : { description: row.description }),
    uploadedBy: { userId: row.uploadedByUserId, role: row.uploadedByRole, agencyId: row.uploadedByAgencyId },
    uploadedAt: row.uploadedAt,
  };
}
