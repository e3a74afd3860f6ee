import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** How a person takes part in a case; `head` is the head who decided it. */
export type CaseParticipantRole = 'handler' | 'reviewer' | 'hearing_officer' | 'head';

/**
 * `case_participants`: who works or worked on a case, for "my cases" lists. A handler replaced on
 * recusal keeps the row, with `until` set.
 */
@Entity({ name: 'case_participants' })
@Index('idx_case_participants_user_role', ['userId', 'role'])
export class CaseParticipantEntity {
  @PrimaryColumn({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @PrimaryColumn({ name: 'user_id', type: 'text' })
  userId!: string;

  @PrimaryColumn({ type: 'text' })
  role!: CaseParticipantRole;

  @Column({ type: 'timestamptz' })
  since!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  until!: Date | null;
}
