import type { AnyTransferState, TransferKind } from '@docket/domain';
import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

/** The `case_transfers` projection: one row per transfer, as it stands after its latest recorded event. */
@Entity({ name: 'case_transfers' })
@Unique('uq_case_transfers_case_kind', ['caseId', 'kind'])
export class CaseTransferEntity {
  /** The child workflow id, e.g. `case-<caseId>/clue-transfer`. */
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ type: 'text' })
  kind!: TransferKind;

  @Index('idx_case_transfers_agency_status')
  @Column({ name: 'agency_id', type: 'text' })
  agencyId!: string;

  @Column({ type: 'text' })
  status!: AnyTransferState['status'];

  /** Sequence of the latest event applied; a replayed older event never overwrites a newer row. */
  @Column({ type: 'integer' })
  version!: number;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ type: 'jsonb' })
  state!: AnyTransferState;
}
