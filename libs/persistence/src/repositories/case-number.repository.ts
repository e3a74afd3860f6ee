import type { DataSource } from 'typeorm';

/**
 * Allocates case numbers (案号): one counter per agency and year. The upsert is one statement, so
 * concurrent approvals each get their own value without an explicit lock; a number taken by an
 * approval the workflow then refuses is not reused, which leaves a gap in the sequence.
 */
export class CaseNumberRepository {
  constructor(private readonly dataSource: DataSource) {}

  async nextValue(agencyId: string, year: number): Promise<number> {
    const rows: Array<{ last_value: number }> = await this.dataSource.query(
      `INSERT INTO case_number_sequences (agency_id, year, last_value) VALUES ($1, $2, 1)
       ON CONFLICT (agency_id, year) DO UPDATE SET last_value = case_number_sequences.last_value + 1
       RETURNING last_value`,
      [agencyId, year],
    );
    const row = rows[0];
    if (row === undefined) {
      throw new Error(`no case number allocated for ${agencyId} ${year}`);
    }
    return row.last_value;
  }
}
