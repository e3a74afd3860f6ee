import { ALL_CASE_STAGES, isFinalStage, type CaseEvent, type CaseState } from '@docket/domain';
import type { DataSource, EntityManager } from 'typeorm';
import { CaseEventEntity } from '../entities/case-event.entity';
import { CaseEntity } from '../entities/case.entity';

export type RecordOutcome = 'recorded' | 'already-recorded';

/** A case whose workflow the projection shows as still running. */
export interface OpenCaseRef {
  readonly caseId: string;
  readonly workflowId: string;
  readonly agencyId: string;
}

/** Thrown when an event's sequence is already taken by a different event: never mended by a retry. */
export class CaseEventConflictError extends Error {
  override readonly name = 'CaseEventConflictError';
}

/**
 * Writes and reads the case record: the `case_events` log and the `cases` projection. Writing is
 * idempotent per (case, sequence), so an activity retried after a crash changes nothing twice.
 */
export class CaseRecordRepository {
  constructor(private readonly dataSource: DataSource) {}

  async recordEvent(workflowId: string, event: CaseEvent, state: CaseState): Promise<RecordOutcome> {
    return this.dataSource.transaction(async (manager) => {
      await this.upsertProjection(manager, workflowId, event, state);
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(CaseEventEntity)
        .values({
          caseId: event.caseId,
          sequence: event.sequence,
          workflowId,
          type: event.data.type,
          actorId: event.actor.userId,
          actorRole: event.actor.role,
          stageBefore: event.stageBefore,
          stageAfter: event.stageAfter,
          data: event.data,
          occurredAt: new Date(event.occurredAt),
        })
        .orIgnore()
        .returning(['id'])
        .execute();
      // With RETURNING, the Postgres driver hands back one row per inserted event.
      if ((inserted.raw as unknown[]).length > 0) {
        return 'recorded';
      }
      const existing = await manager.findOneByOrFail(CaseEventEntity, {
        caseId: event.caseId,
        sequence: event.sequence,
      });
      if (existing.type !== event.data.type || existing.occurredAt.toISOString() !== event.occurredAt) {
        throw new CaseEventConflictError(
          `case ${event.caseId} already has event ${event.sequence} (${existing.type}); refusing ${event.data.type}`,
        );
      }
      return 'already-recorded';
    });
  }

  /** The newest state wins: a stale retry of an older event leaves a newer row untouched. */
  private async upsertProjection(
    manager: EntityManager,
    workflowId: string,
    event: CaseEvent,
    state: CaseState,
  ): Promise<void> {
    const decisionDue = state.deadlines.find((deadline) => deadline.kind === 'decision');
    await manager.query(
      `INSERT INTO cases (id, workflow_id, agency_id, stage, version, violation_code, party_type, party_name,
                          registered_at, decision_due_at, updated_at, state)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (id) DO UPDATE SET
         stage = EXCLUDED.stage,
         version = EXCLUDED.version,
         violation_code = EXCLUDED.violation_code,
         decision_due_at = EXCLUDED.decision_due_at,
         updated_at = EXCLUDED.updated_at,
         state = EXCLUDED.state
       WHERE cases.version < EXCLUDED.version`,
      [
        state.caseId,
        workflowId,
        state.agencyId,
        state.stage,
        state.version,
        state.clue.violationCode ?? null,
        state.clue.party.type,
        state.clue.party.name,
        state.registeredAt,
        decisionDue?.dueAt ?? null,
        event.occurredAt,
        JSON.stringify(state),
      ],
    );
  }

  findCase(caseId: string): Promise<CaseEntity | null> {
    return this.dataSource.getRepository(CaseEntity).findOneBy({ id: caseId });
  }

  listEvents(caseId: string): Promise<CaseEventEntity[]> {
    return this.dataSource.getRepository(CaseEventEntity).find({ where: { caseId }, order: { sequence: 'ASC' } });
  }

  /**
   * Cases not in a final stage, of one agency or of all. The projection trails the workflows by an
   * activity, so a caller that messages these must expect some to have ended meanwhile.
   */
  async listOpenCases(agencyId?: string): Promise<OpenCaseRef[]> {
    const finalStages = ALL_CASE_STAGES.filter(isFinalStage);
    const rows: OpenCaseRef[] = await this.dataSource.query(
      `SELECT id AS "caseId", workflow_id AS "workflowId", agency_id AS "agencyId"
       FROM cases
       WHERE stage <> ALL($1::text[]) AND ($2::text IS NULL OR agency_id = $2)
       ORDER BY agency_id, registered_at`,
      [finalStages, agencyId ?? null],
    );
    return rows;
  }
}
