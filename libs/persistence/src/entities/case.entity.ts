import type { CaseStage, CaseState, PartyType } from '@docket/domain';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** The `cases` projection: one row per case, as it stands after its latest recorded event. */
@Entity({ name: 'cases' })
export class CaseEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'workflow_id', type: 'text', unique: true })
  workflowId!: string;

  @Index('idx_cases_agency_stage')
  @Column({ name: 'agency_id', type: 'text' })
  agencyId!: string;

  @Column({ type: 'text' })
  stage!: CaseStage;

  /** Sequence of the latest event applied; a replayed older event never overwrites a newer row. */
  @Column({ type: 'integer' })
  version!: number;

  @Column({ name: 'violation_code', type: 'text', nullable: true })
  violationCode!: string | null;

  @Column({ name: 'party_type', type: 'text' })
  partyType!: PartyType;

  @Column({ name: 'party_name', type: 'text' })
  partyName!: string;

  @Column({ name: 'registered_at', type: 'timestamptz' })
  registeredAt!: Date;

  @Column({ name: 'decision_due_at', type: 'timestamptz', nullable: true })
  decisionDueAt!: Date | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ type: 'jsonb' })
  state!: CaseState;
}
