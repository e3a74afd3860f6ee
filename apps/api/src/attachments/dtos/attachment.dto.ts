import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ATTACHMENT_CATEGORIES } from '../attachment-rules';

export class AttachmentUploaderDto {
  @ApiProperty({ example: 'handler-li' })
  userId!: string;

  @ApiProperty({ example: 'handler' })
  role!: string;

  @ApiProperty({ example: 'sh-pudong-amr' })
  agencyId!: string;
}

/** An attachment's metadata, as listed and as answered to its upload. */
export class AttachmentDto {
  @ApiProperty({ format: 'uuid', example: '6f1c1c0e-2b8e-4d7a-9a51-0c2d7f3e9b11' })
  attachmentId!: string;

  @ApiProperty({ format: 'uuid', example: '0b6f6a4e-8c1b-4d59-9a51-6d0e7d2d8a10' })
  caseId!: string;

  @ApiProperty({ description: 'The uploader’s file name, without directories or control characters', example: '现场检查笔录.pdf' })
  filename!: string;

  @ApiProperty({ example: 'application/pdf' })
  contentType!: string;

  @ApiProperty({ example: 482_113 })
  sizeBytes!: number;

  @ApiProperty({ description: 'SHA-256 of the bytes, lower-case hex', example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' })
  sha256!: string;

  @ApiProperty({ enum: ATTACHMENT_CATEGORIES, example: 'evidence' })
  category!: string;

  @ApiPropertyOptional({ example: '现场检查笔录 (on-site inspection record), page 1–3' })
  description?: string;

  @ApiProperty({ type: AttachmentUploaderDto })
  uploadedBy!: AttachmentUploaderDto;

  @ApiProperty({ format: 'date-time', example: '2026-11-03T02:15:00.000Z' })
  uploadedAt!: string;
}
