import { Inject, Injectable } from '@nestjs/common';
import { Client, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, type WorkflowHandle } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import type { ApiProcessConfig } from '@docket/config';
import {
  CASE_LIFECYCLE_WORKFLOW_TYPE,
  availableActionsQuery,
  caseActionUpdates,
  caseStateQuery,
  caseWorkflowId,
  type CaseLifecycleInput,
} from '@docket/contracts';
import { PolicyRepository } from '@docket/persistence';
import {
  DomainError,
  DomainErrorCode,
  canReadCase,
  createWorkingCalendar,
  registerCase,
  type Actor,
  type CaseCommandPayload,
  type CaseCommandType,
  type CaseState,
} from '@docket/domain';
import { API_CONFIG } from '../api.tokens';
import { fromTemporalError } from '../temporal/temporal-errors';
import type { RegisterCaseDto } from './dtos/register-case.dto';

export interface RegisteredCase {
  readonly created: boolean;
  readonly state: CaseState;
}

/** Starts case workflows and sends them the steps people take. */
@Injectable()
export class CaseService {
  constructor(
    @Inject(Client) private readonly client: Client,
    @Inject(API_CONFIG) private readonly config: ApiProcessConfig,
    private readonly policies: PolicyRepository,
  ) {}


  /**
   * Registers a clue as a new case. The workflow id is derived from the case id, so a retried
   * request with the same case id answers with the case the first one created.
   */
  async register(dto: RegisterCaseDto, actor: Actor): Promise<RegisteredCase> {
    const input: CaseLifecycleInput = {
      registration: {
        caseId: dto.caseId ?? randomUUID(),
        agencyId: actor.agencyId,
        source: dto.source,
        summary: dto.summary,
        ...(dto.violationCode === undefined ? {} : { violationCode: dto.violationCode }),
        ...(dto.violationEndedAt === undefined ? {} : { violationEndedAt: new Date(dto.violationEndedAt).toISOString() }),
        ...(dto.touchesLifeHealthOrFinance === undefined ? {} : { touchesLifeHealthOrFinance: dto.touchesLifeHealthOrFinance }),
        party: {
          type: dto.party.type,
          name: dto.party.name,
          ...(dto.party.idNumber === undefined ? {} : { idNumber: dto.party.idNumber }),
        },
      },
      registeredBy: actor,
      policy: await this.policies.casePolicySnapshot(actor.agencyId),
    };
    // The same rules the workflow applies, checked before anything is started.
    registerCase(input.registration, actor, new Date().toISOString(), {
      policy: input.policy.policy,
      calendar: createWorkingCalendar(input.policy.calendarYears),
    });

    const workflowId = caseWorkflowId(input.registration.caseId);
    let created = true;
    try {
      await this.client.workflow.start(CASE_LIFECYCLE_WORKFLOW_TYPE, {
        workflowId,
        taskQueue: this.config.temporal.taskQueue,
        args: [input],
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        workflowIdConflictPolicy: 'FAIL',
      });
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) {
        throw translateTemporalError(error, input.registration.caseId);
      }
      created = false;
    }
    const state = await this.currentState(input.registration.caseId);
    if (!created && !sameRegistration(state, input)) {
      throw new DomainError(
        DomainErrorCode.CaseAlreadyExists,
        `case ${input.registration.caseId} already exists with other content`,
        'caseId',
      );
    }
    return { created, state };
  }

  /** The case as it stands, for someone allowed to read it; anyone else is told it does not exist. */
  async read(caseId: string, actor: Actor): Promise<CaseState> {
    const state = await this.currentState(caseId);
    if (!canReadCase(state, actor)) {
      throw new DomainError(DomainErrorCode.CaseNotFound, `no case ${caseId}`);
    }
    return state;
  }

  private async currentState(caseId: string): Promise<CaseState> {
    try {
      return await this.handle(caseId).query(caseStateQuery);
    } catch (error) {
      throw translateTemporalError(error, caseId);
    }
  }

  /** Sends one step to the case's workflow and returns the case after it. */
  async act<T extends CaseCommandType>(
    caseId: string,
    type: T,
    actor: Actor,
    body: CaseCommandPayload<T> & { expectedVersion?: number },
  ): Promise<CaseState> {
    const { expectedVersion, ...payload } = body;
    try {
      return await this.handle(caseId).executeUpdate(caseActionUpdates[type], {
        args: [{ actor, payload: payload as unknown as CaseCommandPayload<T>, ...(expectedVersion === undefined ? {} : { expectedVersion }) }],
      });
    } catch (error) {
      throw await this.translateActionError(error, caseId);
    }
  }

  /** The steps the user may take on the case now. */
  async availableActions(caseId: string, actor: Actor): Promise<CaseCommandType[]> {
    await this.read(caseId, actor);
    try {
      return await this.handle(caseId).query(availableActionsQuery, actor);
    } catch (error) {
      throw translateTemporalError(error, caseId);
    }
  }

  private handle(caseId: string): WorkflowHandle {
    return this.client.workflow.getHandle(caseWorkflowId(caseId));
  }

  /** An update to a workflow that has ended fails as "not found": tell a closed case from a missing one. */
  private async translateActionError(error: unknown, caseId: string): Promise<Error> {
    if (error instanceof WorkflowNotFoundError) {
      const closed = await this.handle(caseId)
        .describe()
        .then((description) => description.status.name !== 'RUNNING')
        .catch(() => false);
      if (closed) {
        return new DomainError(DomainErrorCode.CaseClosed, `case ${caseId} has ended; nothing more can be recorded on it`);
      }
    }
    return translateTemporalError(error, caseId);
  }
}

function sameRegistration(state: CaseState, input: CaseLifecycleInput): boolean {
  const { caseId: _caseId, agencyId, ...clue } = input.registration;
  return state.agencyId === agencyId && JSON.stringify(normalise(state.clue)) === JSON.stringify(normalise(clue));
}

function normalise(value: object): unknown {
  return JSON.parse(JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : inner,
  ));
}

function translateTemporalError(error: unknown, caseId: string): Error {
  return fromTemporalError(error, () => new DomainError(DomainErrorCode.CaseNotFound, `no case ${caseId}`));
}
