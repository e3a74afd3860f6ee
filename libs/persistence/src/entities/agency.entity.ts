import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** What kind of body an agency is; supervision and discipline bodies hold no cases of their own. */
export const AGENCY_KINDS = ['enforcement', 'supervision', 'discipline_inspection', 'other'] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

/**
 * `agencies`: the bodies Docket knows, with their ids as the identity provider writes them in a
 * token's `agency` claim. `supervised_by` makes a tree: a supervision body (执法监督) reads the
 * cases of every agency below it.
 */
@Entity({ name: 'agencies' })
export class AgencyEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  kind!: AgencyKind;

  @Column({ name: 'supervised_by', type: 'text', nullable: true })
  supervisedBy!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'updated_by', type: 'text' })
  updatedBy!: string;
}
