import type { AnyTransferEvent, AnyTransferState } from '@docket/domain';
import type { DataSource, EntityManager } from 'typeorm';
import { CaseTransferEntity } from '../entities/case-transfer.entity';
import { TransferEventEntity } from '../entities/transfer-event.entity';
import type { RecordOutcome } from './case-record.repository';

/** Thrown when a transfer event's sequence is already taken by a different event: never mended by a retry. */
export class TransferEventConflictError extends Error {
  override readonly name = 'TransferEventConflictError';
}

/**
 * Writes and reads the record of transfers: the `transfer_events` log and the `case_transfers`
 * projection. Writing is idempotent per (transfer, sequence), so an activity retried after a crash
 * changes nothing twice.
 */
export class TransferRecordRepository {
  constructor(private readonly dataSource: DataSource) {}

  async recordEvent(event: AnyTransferEvent, state: AnyTransferState): Promise<RecordOutcome> {
    if (event.transferId !== state.transferId || state.version < event.sequence) {
      throw new TransferEventConflictError(
        `event ${event.sequence} of ${event.transferId} was handed in with the state of ${state.transferId} at version ${state.version}`,
      );
    }
    return this.dataSource.transaction(async (manager) => {
      await this.upsertProjection(manager, event, state);
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(TransferEventEntity)
        .values({
          transferId: event.transferId,
          sequence: event.sequence,
          type: event.data.type,
          actorId: event.actor.userId,
          actorRole: event.actor.role,
          statusBefore: event.statusBefore,
          statusAfter: event.statusAfter,
          data: event.data,
          occurredAt: new Date(event.occurredAt),
        })
        .orIgnore()
        .returning(['id'])
        .execute();
      if ((inserted.raw as unknown[]).length > 0) {
        return 'recorded';
      }
      const existing = await manager.findOneByOrFail(TransferEventEntity, {
        transferId: event.transferId,
        sequence: event.sequence,
      });
      if (existing.type !== event.data.type || existing.occurredAt.toISOString() !== event.occurredAt) {
        throw new TransferEventConflictError(
          `transfer ${event.transferId} already has event ${event.sequence} (${existing.type}); refusing ${event.data.type}`,
        );
      }
      return 'already-recorded';
    });
  }

  /** The newest state wins: a stale retry of an older event leaves a newer row untouched. */
  private async upsertProjection(manager: EntityManager, event: AnyTransferEvent, state: AnyTransferState): Promise<void> {
    await manager.query(
      `INSERT INTO case_transfers (id, case_id, kind, agency_id, status, version, started_at, closed_at, updated_at, state)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (id) DO UPDATE SET
         status = EXCLUDED.status,
         version = EXCLUDED.version,
         closed_at = EXCLUDED.closed_at,
         updated_at = EXCLUDED.updated_at,
         state = EXCLUDED.state
       WHERE case_transfers.version < EXCLUDED.version`,
      [
        state.transferId,
        state.parentCaseId,
        state.kind,
        state.agencyId,
        state.status,
        state.version,
        state.startedAt,
        state.closedAt ?? null,
        event.occurredAt,
        JSON.stringify(state),
      ],
    );
  }

  findTransfer(transferId: string): Promise<CaseTransferEntity | null> {
    return this.dataSource.getRepository(CaseTransferEntity).findOneBy({ id: transferId });
  }

  /** The transfers a case started, for its closing report. */
  listTransfersOfCase(caseId: string): Promise<CaseTransferEntity[]> {
    return this.dataSource.getRepository(CaseTransferEntity).find({ where: { caseId }, order: { startedAt: 'ASC' } });
  }

  listEvents(transferId: string): Promise<TransferEventEntity[]> {
    return this.dataSource.getRepository(TransferEventEntity).find({ where: { transferId }, order: { sequence: 'ASC' } });
  }
}
