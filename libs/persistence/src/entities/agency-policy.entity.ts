import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * `agency_policies`: every version of an agency's policy, one row each. The row with the highest
 * revision is in force; a trigger refuses UPDATE and DELETE, so the history of policies stays.
 */
@Entity({ name: 'agency_policies' })
@Index('idx_agency_policies_agency_revision', ['agencyId', 'revision'])
export class AgencyPolicyEntity {
  @PrimaryColumn({ name: 'agency_id', type: 'text' })
  agencyId!: string;

  @PrimaryColumn({ type: 'text' })
  version!: string;

  /** Insertion order, an identity the database assigns; bigint arrives from the driver as a string. */
  @Column({ type: 'bigint', unique: true, insert: false, update: false })
  revision!: string;

  /** The complete AgencyPolicy as stored; read it through parseAgencyPolicy, never trusted as typed. */
  @Column({ type: 'jsonb' })
  policy!: unknown;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;
}
