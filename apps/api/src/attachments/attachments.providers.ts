import type { Provider } from '@nestjs/common';
import { AttachmentRepository } from '@docket/persistence';
import { DataSource } from 'typeorm';
import { ATTACHMENT_STORE, AttachmentService } from './attachment.service';
import { MultipartUploadGuard } from './multipart-upload.guard';

/** Attachments kept in PostgreSQL; another AttachmentStore (an object store) would be bound here. */
export const attachmentProviders: Provider[] = [
  { provide: ATTACHMENT_STORE, inject: [DataSource], useFactory: (dataSource: DataSource) => new AttachmentRepository(dataSource) },
  AttachmentService,
  MultipartUploadGuard,
];
