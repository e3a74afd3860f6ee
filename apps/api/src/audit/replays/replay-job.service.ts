import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type Provider } from '@nestjs/common';
import { Client } from '@temporalio/client';
import type { ApiProcessConfig } from '@docket/config';
import { REPLAY_JOB_WORKFLOW_TYPE, replayJobWorkflowId, type ReplayJobInput } from '@docket/contracts';
import { DomainError, DomainErrorCode, type Actor } from '@docket/domain';
import { ReplayJobRepository, type ReplayJob, type ReplayJobSummary, type ReplaySelectionRecord } from '@docket/persistence';
import { DataSource } from 'typeorm';
import { API_CONFIG } from '../../api.tokens';
import { ApiError, ApiErrorCode } from '../../errors/api-error-code';
import { AgencyScopeService } from '../../registry/agency-scope.service';
import { fromTemporalError } from '../../temporal/temporal-errors';
import { HistoryReadLog } from '../history-read-log.service';
import type { StartReplayJobDto } from './dtos/replay-job.dtos';

/** Cases one activity of the job replays before it reports back; a retry repeats at most these. */
const REPLAY_BATCH_SIZE = 20;

function invalid(field: string, message: string): DomainError {
  return new DomainError(DomainErrorCode.InvalidInput, `${field}: ${message}`, field);
}

/** Exactly one way of choosing the cases, with what it needs. */
export function replaySelectionOf(body: StartReplayJobDto): ReplaySelectionRecord {
  const chosen = [body.caseIds !== undefined, body.closedFrom !== undefined || body.closedTo !== undefined, body.all !== undefined];
  if (chosen.filter(Boolean).length !== 1) {
    throw invalid('caseIds', 'name exactly one of caseIds, closedFrom with closedTo, or all');
  }
  if (body.caseIds !== undefined) {
    return { caseIds: [...new Set(body.caseIds.map((caseId) => caseId.toLowerCase()))] };
  }
  if (body.all !== undefined) {
    if (!body.all) {
      throw invalid('all', 'must be true when given');
    }
    return { all: true };
  }
  if (body.closedFrom === undefined) {
    throw invalid('closedFrom', 'is required with closedTo');
  }
  if (body.closedTo === undefined) {
    throw invalid('closedTo', 'is required with closedFrom');
  }
  const from = new Date(body.closedFrom);
  const to = new Date(body.closedTo);
  if (from >= to) {
    throw invalid('closedTo', 'must be after closedFrom');
  }
  return { closedFrom: from.toISOString(), closedTo: to.toISOString() };
}

/**
 * Auditors' replay jobs (issue 5, item 2): the cases chosen from those the auditor supervises, each
 * read recorded, then replayed on the worker by the job's workflow, batch by batch.
 */
@Injectable()
export class ReplayJobService {
  constructor(
    @Inject(Client) private readonly client: Client,
    @Inject(API_CONFIG) private readonly config: ApiProcessConfig,
    @Inject(ReplayJobRepository) private readonly jobs: ReplayJobRepository,
    @Inject(AgencyScopeService) private readonly agencyScope: AgencyScopeService,
    @Inject(HistoryReadLog) private readonly readLog: HistoryReadLog,
  ) {}

  async start(body: StartReplayJobDto, actor: Actor): Promise<ReplayJob> {
    const selection = replaySelectionOf(body);
    const caseIds = await this.jobs.selectCaseIds(selection, await this.agencyScope.readableAgencyIds(actor));
    if ('caseIds' in selection) {
      const unknown = selection.caseIds.find((caseId) => !caseIds.includes(caseId));
      if (unknown !== undefined) {
        // A case outside the auditor's supervision is answered as if it did not exist.
        throw new DomainError(DomainErrorCode.CaseNotFound, `no case ${unknown}`, `caseIds[${selection.caseIds.indexOf(unknown)}]`);
      }
    }
    for (const caseId of caseIds) {
      await this.readLog.record(actor, caseId, 'replay');
    }
    const jobId = randomUUID();
    await this.jobs.create({ jobId, requestedBy: { userId: actor.userId, role: actor.role, agencyId: actor.agencyId }, selection, caseIds });
    const input: ReplayJobInput = { jobId, batchSize: REPLAY_BATCH_SIZE };
    try {
      await this.client.workflow.start(REPLAY_JOB_WORKFLOW_TYPE, {
        workflowId: replayJobWorkflowId(jobId),
        taskQueue: this.config.temporal.taskQueue,
        args: [input],
      });
    } catch (error) {
      throw fromTemporalError(error, () => new DomainError(DomainErrorCode.CaseNotFound, `no replay job ${jobId}`));
    }
    return this.find(jobId, actor);
  }

  /** The caller's own jobs, newest first, a page at a time; `cursor` is the previous page's nextCursor. */
  async list(actor: Actor, limit: number, cursor?: string): Promise<{ items: ReplayJobSummary[]; nextCursor: string | null }> {
    const rows = await this.jobs.listByRequester(actor.userId, limit + 1, cursor);
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > limit && last !== undefined ? last.jobId : null };
  }

  /** A job, to the auditor who asked for it; to anyone else, as if there were none. */
  async find(jobId: string, actor: Actor): Promise<ReplayJob> {
    const job = await this.jobs.find(jobId);
    if (job === undefined || job.requestedBy.userId !== actor.userId) {
      throw new ApiError(ApiErrorCode.ReplayJobNotFound, `no replay job ${jobId}`, 'jobId');
    }
    return job;
  }
}

export const replayJobProviders: Provider[] = [
  { provide: ReplayJobRepository, inject: [DataSource], useFactory: (dataSource: DataSource) => new ReplayJobRepository(dataSource) },
  ReplayJobService,
];
