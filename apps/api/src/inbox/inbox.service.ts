import { Inject, Injectable } from '@nestjs/common';
import {
  DomainError,
  DomainErrorCode,
  Role,
  type Actor,
  type CaseCommandType,
} from '@docket/domain';
import { CaseRecordRepository, WorkQueueRepository, type WorkItemRow, type WorkQueueCursor } from '@docket/persistence';
import { ApiError, ApiErrorCode } from '../errors/api-error-code';
import { AgencyScopeService } from '../registry/agency-scope.service';
import { RegisteredActorService } from '../registry/registered-actor.service';
import { INBOX_DEFAULT_LIMIT, type InboxItemDto, type InboxPageDto } from './dtos/inbox.dtos';
import { toActionName, toCommandType } from '../common/case-action-names';



function encodeCursor(item: WorkItemRow): string {
  const cursor: WorkQueueCursor = {
    dueAt: item.dueAt === null ? null : item.dueAt.toISOString(),
    since: item.since.toISOString(),
    caseId: item.caseId,
    action: item.action,
  };
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

const isTimestamp = (value: unknown): value is string => typeof value === 'string' && !Number.isNaN(Date.parse(value));
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function decodeCursor(raw: string): WorkQueueCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const candidate = parsed as Partial<Record<keyof WorkQueueCursor, unknown>> | undefined;
  if (
    typeof candidate !== 'object' ||
    candidate === null ||
    !(candidate.dueAt === null || isTimestamp(candidate.dueAt)) ||
    !isTimestamp(candidate.since) ||
    typeof candidate.caseId !== 'string' ||
    !UUID.test(candidate.caseId) ||
    typeof candidate.action !== 'string'
  ) {
    throw new DomainError(DomainErrorCode.InvalidInput, 'cursor: not a cursor this inbox handed out', 'cursor');
  }
  return candidate as WorkQueueCursor;
}

function toItem(row: WorkItemRow, now: Date): InboxItemDto {
  return {
    caseId: row.caseId,
    action: toActionName(row.action),
    role: row.role,
    stage: row.stage,
    caseNumber: row.caseNumber,
    partyName: row.partyName,
    violationCode: row.violationCode,
    deadlineKind: row.deadlineKind,
    dueAt: row.dueAt === null ? null : row.dueAt.toISOString(),
    overdue: row.dueAt !== null && row.dueAt.getTime() < now.getTime(),
    waitingSince: row.since.toISOString(),
    claimedBy: row.claimedBy,
    claimedAt: row.claimedAt === null ? null : row.claimedAt.toISOString(),
    assignedBy: row.assignedBy,
  };
}

/**
 * The inbox (待办): what waits for the caller, and who takes each piece of work on. The work
 * itself is the projection's (`case_work_items`, rewritten on every step of a case); claims are
 * the API's, and a claimed step can be taken only by its holder.
 */
@Injectable()
export class InboxService {
  constructor(
    @Inject(WorkQueueRepository) private readonly work: WorkQueueRepository,
    @Inject(CaseRecordRepository) private readonly cases: CaseRecordRepository,
    @Inject(AgencyScopeService) private readonly scope: AgencyScopeService,
    @Inject(RegisteredActorService) private readonly registry: RegisteredActorService,
  ) {}

  async inbox(actor: Actor, limit = INBOX_DEFAULT_LIMIT, cursor?: string): Promise<InboxPageDto> {
    const now = new Date();
    const rows = await this.work.listInbox({
      actor,
      supervisedAgencyIds: actor.role === Role.Auditor ? await this.scope.readableAgencyIds(actor) : [],
      now,
      limit: limit + 1,
      ...(cursor === undefined ? {} : { after: decodeCursor(cursor) }),
    });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return { items: page.map((row) => toItem(row, now)), nextCursor: rows.length > limit && last !== undefined ? encodeCursor(last) : null };
  }

  /** The caller takes the work on; claiming what one holds already changes nothing. */
  async claim(caseId: string, action: string, actor: Actor): Promise<InboxItemDto> {
    const item = await this.pendingItem(caseId, toCommandType(action), actor);
    if (item.claimedBy !== null && item.claimedBy !== actor.userId) {
      throw claimedBy(item.claimedBy);
    }
    if (!(await this.work.waitsFor(caseId, item.action, actor))) {
      throw new ApiError(ApiErrorCode.WorkNotForCaller, `the step ${toActionName(item.action)} of this case does not wait for you`);
    }
    const outcome = await this.work.claim(caseId, item.action, actor.userId);
    return this.answer(outcome);
  }

  /** The holder gives the work back; a head of the agency may take it back from anyone. */
  async release(caseId: string, action: string, actor: Actor): Promise<InboxItemDto> {
    const item = await this.pendingItem(caseId, toCommandType(action), actor);
    if (actor.role !== Role.Head && item.claimedBy !== actor.userId) {
      if (item.claimedBy !== null) {
        throw claimedBy(item.claimedBy);
      }
      // Nothing held: releasing is a no-op, but only for someone the work waits for.
      if (!(await this.work.waitsFor(caseId, item.action, actor))) {
        throw new ApiError(ApiErrorCode.WorkNotForCaller, `the step ${toActionName(item.action)} of this case does not wait for you`);
      }
    }
    await this.work.release(caseId, item.action, actor.userId, actor.role === Role.Head);
    const after = await this.work.findItem(caseId, item.action);
    if (after === undefined) {
      throw notPending(item.action);
    }
    return toItem(after, new Date());
  }

  /** A head hands the work to a named colleague who could take it, replacing any claim. */
  async assign(caseId: string, action: string, assigneeId: string, actor: Actor): Promise<InboxItemDto> {
    const item = await this.pendingItem(caseId, toCommandType(action), actor);
    if (item.scope === 'named_person') {
      throw new ApiError(ApiErrorCode.AssigneeNotEligible, 'userId: the hearing officer is appointed by scheduling the hearing, not by assignment', 'userId');
    }
    const assignee: Actor = { userId: assigneeId, role: item.role, agencyId: item.agencyId };
    try {
      await this.registry.assertMayAct(assignee);
    } catch (error) {
      if (error instanceof ApiError) {
        throw new ApiError(ApiErrorCode.AssigneeNotEligible, `userId: ${assigneeId} may not act as ${item.role} here (${error.code})`, 'userId');
      }
      throw error;
    }
    if (!(await this.work.waitsFor(caseId, item.action, assignee, { ignoringClaims: true }))) {
      throw new ApiError(
        ApiErrorCode.AssigneeNotEligible,
        `userId: the step ${toActionName(item.action)} of this case cannot be taken by ${assigneeId} (a handler of this case only, or four eyes)`,
        'userId',
      );
    }
    return this.answer(await this.work.claim(caseId, item.action, assigneeId, actor.userId));
  }

  /** Refuses a step someone else holds: the check CaseService makes before sending any step. */
  async assertNotHeldByOther(caseId: string, type: CaseCommandType, actor: Actor): Promise<void> {
    const holder = await this.work.holderOf(caseId, type);
    if (holder !== undefined && holder !== actor.userId) {
      throw claimedBy(holder);
    }
  }

  /** The work item, after making sure the case is the caller's agency's (404 otherwise, whether it exists or not). */
  private async pendingItem(caseId: string, type: CaseCommandType, actor: Actor): Promise<WorkItemRow> {
    const record = await this.cases.findCase(caseId);
    if (record === null || record.agencyId !== actor.agencyId) {
      throw new DomainError(DomainErrorCode.CaseNotFound, `no case ${caseId}`);
    }
    const item = await this.work.findItem(caseId, type);
    if (item === undefined) {
      throw notPending(type);
    }
    return item;
  }

  private answer(outcome: Awaited<ReturnType<WorkQueueRepository['claim']>>): InboxItemDto {
    switch (outcome.kind) {
      case 'claimed':
        return toItem(outcome.item, new Date());
      case 'claimed_by_other':
        throw claimedBy(outcome.claimedBy);
      case 'not_waiting':
        throw new ApiError(ApiErrorCode.WorkNotPending, 'the case moved on meanwhile; the step no longer waits');
    }
  }
}

function claimedBy(holder: string): ApiError {
  return new ApiError(ApiErrorCode.WorkClaimedByOther, `${holder} has taken this step on; ask them or a head to release it`);
}

function notPending(type: string): ApiError {
  return new ApiError(ApiErrorCode.WorkNotPending, `the case does not wait for ${toActionName(type)} now`);
}
