import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Req, Res, StreamableFile, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { ATTACHMENT_CONTENT_TYPES } from '@docket/config';
import { DomainError, DomainErrorCode, Role, type Actor } from '@docket/domain';
import type { AttachmentRecord } from '@docket/persistence';
import type { Request, Response } from 'express';
import { AllowedRoles, CaseReaders } from '../identity/allowed-roles.decorator';
import { RequestActor } from '../identity/request-actor.decorator';
import { ROLE_HEADER } from '../identity/token-claims';
import { contentDisposition } from './attachment-filename';
import { AttachmentService } from './attachment.service';
import { AttachmentDto } from './dtos/attachment.dto';
import { UploadAttachmentDto } from './dtos/upload-attachment.dto';
import { MultipartUploadGuard, receivedFile } from './multipart-upload.guard';

function uuidPipe(field: string): ParseUUIDPipe {
  return new ParseUUIDPipe({ exceptionFactory: () => new DomainError(DomainErrorCode.InvalidInput, `${field}: must be a UUID`, field) });
}

function toDto(record: AttachmentRecord): AttachmentDto {
  return {
    attachmentId: record.attachmentId,
    caseId: record.caseId,
    filename: record.filename,
    contentType: record.contentType,
    sizeBytes: record.sizeBytes,
    sha256: record.sha256,
    category: record.category,
    ...(record.description === undefined ? {} : { description: record.description }),
    uploadedBy: { ...record.uploadedBy },
    uploadedAt: record.uploadedAt.toISOString(),
  };
}

@ApiTags('attachments')
@ApiBearerAuth()
@ApiHeader({ name: ROLE_HEADER, required: false, description: 'the role to act in, when the token grants several', example: 'handler' })
@Controller('cases/:caseId/attachments')
export class AttachmentController {
  constructor(private readonly attachments: AttachmentService) {}

  @Post()
  @AllowedRoles(Role.Handler, Role.Head)
  @UseGuards(MultipartUploadGuard)
  @ApiOperation({
    summary: 'Upload evidence or a document to the case (证据, 执法文书, 音像记录); a handler of the case or the head',
    description:
      'multipart/form-data with the document in the part `file`. Its declared type must be allowed (ATTACHMENT_ALLOWED_TYPES) ' +
      'and its bytes must be of that type, else 415 UNSUPPORTED_MEDIA_TYPE; beyond ATTACHMENT_MAX_BYTES it is 413 PAYLOAD_TOO_LARGE. ' +
      'The SHA-256 is recorded; the attachment can never be changed or removed.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadAttachmentDto })
  @ApiCreatedResponse({ type: AttachmentDto, description: 'Stored, bytes and metadata; Location names the download' })
  async upload(
    @Param('caseId', uuidPipe('caseId')) caseId: string,
    @Body() body: UploadAttachmentDto,
    @Req() request: Request,
    @RequestActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AttachmentDto> {
    const record = await this.attachments.upload(caseId, actor, receivedFile(request), {
      ...(body.category === undefined ? {} : { category: body.category }),
      ...(body.description === undefined ? {} : { description: body.description }),
    });
    response.status(201).location(`/cases/${caseId}/attachments/${record.attachmentId}`);
    return toDto(record);
  }

  @Get()
  @CaseReaders()
  @ApiOperation({ summary: 'The case’s attachments, oldest first, for anyone who may read the case' })
  @ApiOkResponse({ type: AttachmentDto, isArray: true })
  async list(@Param('caseId', uuidPipe('caseId')) caseId: string, @RequestActor() actor: Actor): Promise<AttachmentDto[]> {
    return (await this.attachments.list(caseId, actor)).map(toDto);
  }

  @Get(':attachmentId')
  @CaseReaders()
  @ApiOperation({
    summary: 'Download an attachment, byte for byte as uploaded, for anyone who may read the case',
    description: 'ETag and Repr-Digest carry the SHA-256 recorded at upload, so the copy can be checked against the record.',
  })
  @ApiProduces(...ATTACHMENT_CONTENT_TYPES)
  @ApiOkResponse({ description: 'The bytes, with the stored content type', schema: { type: 'string', format: 'binary', example: '%PDF-1.7 …' } })
  async download(
    @Param('caseId', uuidPipe('caseId')) caseId: string,
    @Param('attachmentId', uuidPipe('attachmentId')) attachmentId: string,
    @RequestActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const { attachment, content } = await this.attachments.download(caseId, attachmentId, actor);
    const digest = Buffer.from(attachment.sha256, 'hex').toString('base64');
    response.setHeader('ETag', `"${attachment.sha256}"`);
    response.setHeader('Repr-Digest', `sha-256=:${digest}:`);
    response.setHeader('Digest', `sha-256=${digest}`);
    // Never rendered as anything but the stored type, nor kept in a shared cache: case files hold personal data.
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    response.setHeader('Cache-Control', 'private, no-store');
    return new StreamableFile(content, {
      type: attachment.contentType,
      disposition: contentDisposition(attachment.filename),
      length: attachment.sizeBytes,
    });
  }
}
