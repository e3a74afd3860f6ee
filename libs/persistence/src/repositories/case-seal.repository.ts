import type { CaseRecordSeal } from '@docket/contracts';
import type { DataSource } from 'typeorm';
import { sealDigest, type SealKey } from '../case-record-chain';

interface SealRow {
  case_id: string;
  last_sequence: number;
  chain_head: string;
  digest: string;
  key_id: string;
  sealed_at: Date;
}

function toSeal(row: SealRow): CaseRecordSeal {
  return {
    caseId: row.case_id,
    lastSequence: row.last_sequence,
    chainHead: row.chain_head,
    digest: row.digest,
    keyId: row.key_id,
    sealedAt: row.sealed_at.toISOString(),
  };
}

/** Thrown when the row to seal is not recorded yet: a retry mends it once it is. */
export class CaseSealNotReadyError extends Error {
  override readonly name = 'CaseSealNotReadyError';
}

/** Thrown when the row to seal is not the case's last: a bug in the caller, never mended by a retry. */
export class CaseSealRefusedError extends Error {
  override readonly name = 'CaseSealRefusedError';
}

/**
 * `case_record_seals`: one keyed digest per archived case over the head of its `case_events` chain.
 * A seal is written once; sealing again answers the first seal unchanged.
 */
export class CaseSealRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Seals the case's chain at `lastSequence`, which must be its last recorded row. */
  async seal(caseId: string, lastSequence: number, key: SealKey): Promise<CaseRecordSeal> {
    return this.dataSource.transaction(async (manager) => {
      const existing = await this.findIn(manager.query.bind(manager), caseId);
      if (existing !== undefined) {
        return existing;
      }
      const rows: Array<{ sequence: number; hash: string }> = await manager.query(
        `SELECT sequence, hash FROM case_events WHERE case_id = $1 AND sequence >= $2 ORDER BY sequence`,
        [caseId, lastSequence],
      );
      const head = rows[0];
      if (head === undefined || head.sequence !== lastSequence) {
        throw new CaseSealNotReadyError(`case ${caseId} has no recorded event ${lastSequence} to seal`);
      }
      if (rows.length > 1) {
        throw new CaseSealRefusedError(`case ${caseId} has events after ${lastSequence}: it is not the last`);
      }
      const digest = sealDigest(key, { caseId, lastSequence, chainHead: head.hash });
      await manager.query(
        `INSERT INTO case_record_seals (case_id, last_sequence, chain_head, digest, key_id)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (case_id) DO NOTHING`,
        [caseId, lastSequence, head.hash, digest, key.id],
      );
      // Whoever sealed first (this call or a concurrent retry) is the seal.
      return (await this.findIn(manager.query.bind(manager), caseId)) as CaseRecordSeal;
    });
  }

  async find(caseId: string): Promise<CaseRecordSeal | undefined> {
    return this.findIn(this.dataSource.query.bind(this.dataSource), caseId);
  }

  private async findIn(query: (sql: string, parameters: unknown[]) => Promise<SealRow[]>, caseId: string): Promise<CaseRecordSeal | undefined> {
    const rows = await query(
      `SELECT case_id, last_sequence, chain_head, digest, key_id, sealed_at FROM case_record_seals WHERE case_id = $1`,
      [caseId],
    );
    return rows[0] === undefined ? undefined : toSeal(rows[0]);
  }
}
