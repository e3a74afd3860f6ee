import type { CaseEventData, CaseEventType, CaseStage } from '@docket/domain';
import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * `case_events`: the append-only record of every step (执法全过程记录). A trigger refuses UPDATE and
 * DELETE; (case_id, sequence) makes writing an event idempotent under activity retries. Each row
 * is chained to the one before by hash, so an edit made around the trigger shows (GET /cases/:id/verify).
 */
@Entity({ name: 'case_events' })
@Unique('uq_case_events_case_sequence', ['caseId', 'sequence'])
export class CaseEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Index('idx_case_events_case')
  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ type: 'integer' })
  sequence!: number;

  @Column({ name: 'workflow_id', type: 'text' })
  workflowId!: string;

  @Column({ type: 'text' })
  type!: CaseEventType;

  @Column({ name: 'actor_id', type: 'text' })
  actorId!: string;

  @Column({ name: 'actor_role', type: 'text' })
  actorRole!: string;

  @Column({ name: 'stage_before', type: 'text', nullable: true })
  stageBefore!: CaseStage | null;

  @Column({ name: 'stage_after', type: 'text' })
  stageAfter!: CaseStage;

  @Column({ type: 'jsonb' })
  data!: CaseEventData;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' })
  recordedAt!: Date;

  /** The hash of the case's previous row (GENESIS_HASH for the first): the link of the hash chain. */
  @Column({ name: 'prev_hash', type: 'text' })
  prevHash!: string;

  /** sha256 over prev_hash and this row's canonical content (case-record-chain.ts). */
  @Column({ type: 'text' })
  hash!: string;
}
