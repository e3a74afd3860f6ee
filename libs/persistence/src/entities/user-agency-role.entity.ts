import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** `user_agency_roles`: one role a user holds at one agency; a user may hold different roles in different agencies. */
@Entity({ name: 'user_agency_roles' })
@Index('idx_user_agency_roles_agency', ['agencyId', 'role'])
export class UserAgencyRoleEntity {
  @PrimaryColumn({ name: 'user_id', type: 'text' })
  userId!: string;

  @PrimaryColumn({ name: 'agency_id', type: 'text' })
  agencyId!: string;

  @PrimaryColumn({ type: 'text' })
  role!: string;

  @CreateDateColumn({ name: 'granted_at', type: 'timestamptz' })
  grantedAt!: Date;

  @Column({ name: 'granted_by', type: 'text' })
  grantedBy!: string;
}
