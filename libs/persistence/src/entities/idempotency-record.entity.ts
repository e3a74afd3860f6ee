import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * `idempotency_records`: the first answer to a request sent with an Idempotency-Key, scoped to the
 * actor who sent it. Pending while completed_at is null; removed after 24 hours.
 */
@Entity({ name: 'idempotency_records' })
@Index('idx_idempotency_records_created_at', ['createdAt'])
export class IdempotencyRecordEntity {
  @PrimaryColumn({ name: 'actor_id', type: 'text' })
  actorId!: string;

  @PrimaryColumn({ type: 'text' })
  key!: string;

  @Column({ type: 'text' })
  method!: string;

  @Column({ type: 'text' })
  path!: string;

  /** SHA-256 of method, path and the canonical JSON of the body. */
  @Column({ name: 'request_hash', type: 'text' })
  requestHash!: string;

  @Column({ type: 'integer', nullable: true })
  status!: number | null;

  /** The body as sent; json (not jsonb) so its text is kept exactly. Read it as text for a replay. */
  @Column({ type: 'json', nullable: true })
  response!: unknown;

  @Column({ name: 'response_content_type', type: 'text', nullable: true })
  responseContentType!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;
}
