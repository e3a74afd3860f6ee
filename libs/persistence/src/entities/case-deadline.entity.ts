import type { DeadlineKind, DeadlineStatus } from '@docket/domain';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * `case_deadlines`: each clock of a case as it stands after the case's latest recorded event, one row
 * per kind, for the inbox, overdue searches and supervision (督办) listings.
 */
@Entity({ name: 'case_deadlines' })
@Index('idx_case_deadlines_status_due', ['status', 'dueAt'])
@Index('idx_case_deadlines_missed', ['caseId', 'dueAt'], { where: `status = 'missed'` })
export class CaseDeadlineEntity {
  @PrimaryColumn({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @PrimaryColumn({ type: 'text' })
  kind!: DeadlineKind;

  @Column({ type: 'text' })
  status!: DeadlineStatus;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt!: Date;

  @Column({ name: 'warn_at', type: 'timestamptz' })
  warnAt!: Date;

  @Column({ name: 'warned_at', type: 'timestamptz', nullable: true })
  warnedAt!: Date | null;

  /** When the clock was met or recorded as missed. */
  @Column({ name: 'settled_at', type: 'timestamptz', nullable: true })
  settledAt!: Date | null;

  /** Years counted Monday–Friday because no calendar was loaded for them. */
  @Column({ name: 'fallback_years', type: 'integer', array: true, default: () => `'{}'` })
  fallbackYears!: number[];

  /** How many extensions were granted. */
  @Column({ type: 'integer', default: 0 })
  extensions!: number;

  @Column({ type: 'boolean', default: false })
  paused!: boolean;

  /** The case version this row reflects; an older version never overwrites it. */
  @Column({ name: 'updated_version', type: 'integer' })
  updatedVersion!: number;
}
