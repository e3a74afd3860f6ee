import type { CaseStage, CaseState, DecisionOutcome, PartyType } from '@docket/domain';
import { Column, Entity, Index, PrimaryColumn, type ValueTransformer } from 'typeorm';

/** numeric(14,2) arrives from pg as a string; yuan amounts of that size are exact as numbers. */
const yuan: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/** The `cases` projection: one row per case, as it stands after its latest recorded event. */
@Entity({ name: 'cases' })
@Index('idx_cases_agency_overdue', ['agencyId', 'overdue'])
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

  /** 案号, from the filing approval; null before filing. */
  @Column({ name: 'case_number', type: 'text', nullable: true })
  caseNumber!: string | null;

  /** When the head approved filing (立案). */
  @Column({ name: 'filed_at', type: 'timestamptz', nullable: true })
  filedAt!: Date | null;

  @Column({ name: 'decision_due_at', type: 'timestamptz', nullable: true })
  decisionDueAt!: Date | null;

  /** The agency policy version the case runs under now. */
  @Column({ name: 'policy_version', type: 'text', nullable: true })
  policyVersion!: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ name: 'decision_outcome', type: 'text', nullable: true })
  decisionOutcome!: DecisionOutcome | null;

  /** The fine decided, in yuan. */
  @Column({ type: 'numeric', precision: 14, scale: 2, nullable: true, transformer: yuan })
  fine!: number | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  @Column({ name: 'archived_at', type: 'timestamptz', nullable: true })
  archivedAt!: Date | null;

  /** A deadline was missed and the case's workflow still runs: listed for supervision (督办). */
  @Column({ type: 'boolean', default: false })
  overdue!: boolean;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ type: 'jsonb' })
  state!: CaseState;
}
