import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Allow, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { ATTACHMENT_CATEGORIES, type AttachmentCategory } from '../attachment-rules';
import type { ReceivedFileSummary } from '../multipart-upload.guard';

/** The form fields of an upload (multipart/form-data). */
export class UploadAttachmentDto {
  @ApiProperty({
    type: 'string',
    format: 'binary',
    description: 'The document, with its Content-Type declared; the bytes must be of that type',
  })
  // Filled by MultipartUploadGuard from the file part; never a text field.
  @Allow()
  file!: ReceivedFileSummary;

  @ApiPropertyOptional({ enum: ATTACHMENT_CATEGORIES, default: 'evidence', example: 'evidence' })
  @IsOptional()
  @IsIn(ATTACHMENT_CATEGORIES)
  category?: AttachmentCategory;

  @ApiPropertyOptional({ example: '现场检查笔录 (on-site inspection record), page 1–3', maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;
}
