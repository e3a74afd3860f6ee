import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * `enforcement_certificates` (执法证): every certificate ever issued to a user. Rows are never
 * deleted (a trigger refuses it): a renewal is a new number, and a revocation is recorded on the
 * row, so the certificate a handler held on a past case can always be looked up.
 */
@Entity({ name: 'enforcement_certificates' })
@Index('idx_enforcement_certificates_holder', ['holderId'])
export class EnforcementCertificateEntity {
  @PrimaryColumn({ type: 'text' })
  number!: string;

  @Column({ name: 'holder_id', type: 'text' })
  holderId!: string;

  @Column({ name: 'issuing_authority', type: 'text' })
  issuingAuthority!: string;

  /** A calendar date, YYYY-MM-DD; the driver returns Postgres dates as strings. */
  @Column({ name: 'issued_on', type: 'date' })
  issuedOn!: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ name: 'revocation_reason', type: 'text', nullable: true })
  revocationReason!: string | null;

  @Column({ name: 'revoked_by', type: 'text', nullable: true })
  revokedBy!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;
}
