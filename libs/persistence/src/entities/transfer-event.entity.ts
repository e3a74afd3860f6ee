import type { AnyTransferEvent } from '@docket/domain';
import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * `transfer_events`: the append-only record of every step of a transfer. A trigger refuses UPDATE
 * and DELETE; (transfer_id, sequence) makes writing an event idempotent under activity retries.
 */
@Entity({ name: 'transfer_events' })
@Unique('uq_transfer_events_transfer_sequence', ['transferId', 'sequence'])
export class TransferEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'transfer_id', type: 'text' })
  transferId!: string;

  @Column({ type: 'integer' })
  sequence!: number;

  @Column({ type: 'text' })
  type!: AnyTransferEvent['data']['type'];

  @Column({ name: 'actor_id', type: 'text' })
  actorId!: string;

  @Column({ name: 'actor_role', type: 'text' })
  actorRole!: string;

  @Column({ name: 'status_before', type: 'text', nullable: true })
  statusBefore!: AnyTransferEvent['statusBefore'];

  @Column({ name: 'status_after', type: 'text' })
  statusAfter!: AnyTransferEvent['statusAfter'];

  @Column({ type: 'jsonb' })
  data!: AnyTransferEvent['data'];

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' })
  recordedAt!: Date;
}
