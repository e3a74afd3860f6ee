import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** `attachments`: what was uploaded to a case, by whom and when, with the SHA-256 of its bytes. Append-only. */
@Entity({ name: 'attachments' })
@Index('idx_attachments_case', ['caseId', 'uploadedAt'])
export class AttachmentEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  /** The case's agency when the attachment was uploaded. */
  @Column({ name: 'agency_id', type: 'text' })
  agencyId!: string;

  /** The uploader's file name, cleaned of paths and control characters. */
  @Column({ type: 'text' })
  filename!: string;

  @Column({ name: 'content_type', type: 'text' })
  contentType!: string;

  @Column({ name: 'size_bytes', type: 'integer' })
  sizeBytes!: number;

  /** Lower-case hex. */
  @Column({ type: 'char', length: 64 })
  sha256!: string;

  @Column({ type: 'text' })
  category!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ name: 'uploaded_by_user_id', type: 'text' })
  uploadedByUserId!: string;

  @Column({ name: 'uploaded_by_role', type: 'text' })
  uploadedByRole!: string;

  @Column({ name: 'uploaded_by_agency_id', type: 'text' })
  uploadedByAgencyId!: string;

  @Column({ name: 'uploaded_at', type: 'timestamptz', default: () => 'now()' })
  uploadedAt!: Date;
}
