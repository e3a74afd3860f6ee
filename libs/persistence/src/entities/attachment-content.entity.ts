import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * `attachment_contents`: the bytes of one attachment, apart from its metadata so that listing a
 * case's attachments never reads them. A check constraint holds the bytes to their SHA-256.
 */
@Entity({ name: 'attachment_contents' })
export class AttachmentContentEntity {
  @PrimaryColumn({ name: 'attachment_id', type: 'uuid' })
  attachmentId!: string;

  @Column({ type: 'char', length: 64 })
  sha256!: string;

  @Column({ type: 'bytea' })
  content!: Buffer;
}
