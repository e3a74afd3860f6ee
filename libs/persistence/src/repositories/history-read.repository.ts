import type { DataSource } from 'typeorm';

/** What of a case's record was read: its Temporal history, its timeline, its verification or a replay of it. */
export const HISTORY_READ_KINDS = ['history', 'timeline', 'verify', 'replay'] as const;
export type HistoryReadKind = (typeof HISTORY_READ_KINDS)[number];

export interface HistoryRead {
  readonly caseId: string;
  readonly kind: HistoryReadKind;
  readonly userId: string;
  readonly role: string;
  readonly agencyId: string;
  readonly readAt: string;
}

/** `history_reads`: the append-only log of who read which case's record, and when (issue 5, item 6). */
export class HistoryReadRepository {
  constructor(private readonly dataSource: DataSource) {}

  async record(read: Omit<HistoryRead, 'readAt'>): Promise<HistoryRead> {
    const rows: Array<{ read_at: Date }> = await this.dataSource.query(
      `INSERT INTO history_reads (case_id, kind, user_id, role, agency_id) VALUES ($1, $2, $3, $4, $5) RETURNING read_at`,
      [read.caseId, read.kind, read.userId, read.role, read.agencyId],
    );
    return { ...read, readAt: (rows[0]).read_at.toISOString() };
  }

  /**
   * A decryption through the codec endpoint: payloads name no case, so the entry records who
   * decrypted how many payloads of which namespace.
   */
  async recordCodecDecode(read: { userId: string; role: string; agencyId: string; namespace: string | null; payloadCount: number }): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO history_reads (case_id, kind, user_id, role, agency_id, namespace, payload_count)
       VALUES (NULL, 'codec-decode', $1, $2, $3, $4, $5)`,
      [read.userId, read.role, read.agencyId, read.namespace, read.payloadCount],
    );
  }

  /** The reads of one case, oldest first. */
  async listForCase(caseId: string): Promise<HistoryRead[]> {
    const rows: Array<{ case_id: string; kind: HistoryReadKind; user_id: string; role: string; agency_id: string; read_at: Date }> =
      await this.dataSource.query(
        `SELECT case_id, kind, user_id, role, agency_id, read_at FROM history_reads WHERE case_id = $1 ORDER BY read_at, id`,
        [caseId],
      );
    return rows.map((row) => ({
      caseId: row.case_id,
      kind: row.kind,
      userId: row.user_id,
      role: row.role,
      agencyId: row.agency_id,
      readAt: row.read_at.toISOString(),
    }));
  }
}
