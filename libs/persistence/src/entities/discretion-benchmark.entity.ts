import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * `discretion_benchmarks`: every version of an agency's discretion benchmark (行政裁量权基准), one
 * row each. The row with the highest revision is in force; a trigger refuses UPDATE and DELETE.
 */
@Entity({ name: 'discretion_benchmarks' })
@Index('idx_discretion_benchmarks_agency_revision', ['agencyId', 'revision'])
export class DiscretionBenchmarkEntity {
  @PrimaryColumn({ name: 'agency_id', type: 'text' })
  agencyId!: string;

  @PrimaryColumn({ type: 'text' })
  version!: string;

  /** Insertion order, an identity the database assigns; bigint arrives from the driver as a string. */
  @Column({ type: 'bigint', unique: true, insert: false, update: false })
  revision!: string;

  /** The complete DiscretionBenchmark as stored; read it through parseDiscretionBenchmark, never trusted as typed. */
  @Column({ type: 'jsonb' })
  benchmark!: unknown;

  /** The benchmark's publication date (APL 34); null while it is unpublished. */
  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;
}
