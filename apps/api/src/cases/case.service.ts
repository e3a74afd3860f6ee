import { Inject, Injectable } from '@nestjs/common';
import { Client, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, type WorkflowHandle } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import type { ApiProcessConfig } from '@docket/config';
import {
  CASE_LIFECYCLE_WORKFLOW_TYPE,
  availableActionsQuery,
  caseActionUpdates,
  caseClocks,
  caseStateQuery,
  caseWorkflowId,
  type CaseLifecycleInput,
} from '@docket/contracts';
import { CaseRecordRepository, PolicyRepository } from '@docket/persistence';
import {
  DomainError,
  COMMAND_RULES,
  DomainErrorCode,
  canReadCase,
  registerCase,
  type Actor,
  type CaseCommandPayload,
  type CaseCommandType,
  type CaseState,
} from '@docket/domain';
import { API_CONFIG } from '../api.tokens';
import { fromTemporalError } from '../temporal/temporal-errors';
import { assertWithinTemporalLimits } from '../temporal/payload-size';
import { AgencyScopeService } from '../registry/agency-scope.service';
import { HandlerCertificatesService } from '../registry/handler-certificates.service';
import type { RegisterCaseDto } from './dtos/register-case.dto';
import { InboxService } from '../inbox/inbox.service';
import { CaseNumberService } from '../case-search/case-number.service';

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
    @Inject(AgencyScopeService) private readonly agencyScope: AgencyScopeService,
    @Inject(HandlerCertificatesService) private readonly handlerCertificates: HandlerCertificatesService,
    @Inject(InboxService) private readonly inbox: InboxService,
    @Inject(CaseNumberService) private readonly caseNumbers: CaseNumberService,
    @Inject(CaseRecordRepository) private readonly caseRecords: CaseRecordRepository,
  ) {}


  /**
   * Registers a clue as a new case. The workflow id is derived from the case id, so a retried
   * request with the same case id answers with the case the first one created.
   */
  async register(dto: RegisterCaseDto, actor: Actor): Promise<RegisteredCase> {
    const registeredAt = new Date().toISOString();
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
      registeredAt,
    };
    // The same rules the workflow applies, at the same instant: the case it will start with.
    const registered = registerCase(input.registration, actor, registeredAt, caseClocks(input.policy));

    assertWithinTemporalLimits(this.client.options.loadedDataConverter.payloadConverter, [input], { ...dto });
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
    if (created) {
      // The workflow derives the same state from the same input, so it need not be asked (a query
      // would wait for its first workflow task).
      return { created, state: registered.state };
    }
    const state = await this.currentState(input.registration.caseId);
    if (!sameRegistration(state, input)) {
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
    if (!canReadCase(state, actor, await this.agencyScope.readableAgencyIds(actor))) {
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
    const { expectedVersion, ...given } = body;
    // A step a colleague has taken on (claimed, or been assigned by a head) is theirs to take.
    await this.inbox.assertNotHeldByOther(caseId, type, actor);
    const payload = await this.withCaseNumber(caseId, type, actor, await this.withRegisteredCertificates(caseId, type, actor, given));
    const request = { actor, payload: payload as unknown as CaseCommandPayload<T>, ...(expectedVersion === undefined ? {} : { expectedVersion }) };
    assertWithinTemporalLimits(this.client.options.loadedDataConverter.payloadConverter, [request], given);
    try {
      return await this.handle(caseId).executeUpdate(caseActionUpdates[type], { args: [request] });
    } catch (error) {
      throw await this.translateActionError(error, caseId);
    }
  }

  /**
   * Filing approval gets the next case number (案号) of the head's agency, allocated here so the
   * workflow stays deterministic; a client may not choose one. An approval the workflow refuses
   * leaves a gap in the sequence.
   */
  private async withCaseNumber(caseId: string, type: CaseCommandType, actor: Actor, payload: Record<string, unknown>): Promise<Record<string, unknown>> {
    if (type !== 'approve_filing') {
      return payload;
    }
    if ('caseNumber' in payload) {
      throw new DomainError(DomainErrorCode.InvalidInput, 'caseNumber: is assigned by the system on approval, not sent', 'caseNumber');
    }
    if (!COMMAND_RULES[type].roles.includes(actor.role)) {
      // Refused by the workflow for who is asking; no number is spent on it.
      return payload;
    }
    const state = await this.agencyAndStage(caseId);
    if (state.agencyId !== actor.agencyId || !COMMAND_RULES[type].stages.includes(state.stage)) {
      // Another agency's case, or one already past filing: refused too, and no number is spent.
      return payload;
    }
    return { ...payload, caseNumber: await this.caseNumbers.allocate(actor.agencyId) };
  }

  /**
   * Handlers' certificates come from the registry, not the client (APL 42, 55): each handler named
   * by assign_handlers, and a recusal's replacement, gets the certificate the registry holds for
   * them as a handler of the case's agency. The workflow then checks the rules with real data.
   */
  private async withRegisteredCertificates(
    caseId: string,
    type: CaseCommandType,
    actor: Actor,
    payload: Record<string, unknown>,
  ): Promise<Record<string, unknown>> {
    const handlers = payload['handlers'];
    const replacement = payload['replacement'];
    const fillsHandlers = type === 'assign_handlers' && Array.isArray(handlers);
    const fillsReplacement = type === 'decide_recusal' && replacement !== undefined && replacement !== null;
    if (!fillsHandlers && !fillsReplacement) {
      return payload;
    }
    const { agencyId } = await this.agencyAndStage(caseId);
    if (actor.agencyId !== agencyId || !COMMAND_RULES[type].roles.includes(actor.role)) {
      // Refused by the workflow for who is asking, before anything about the handlers is said.
      return payload;
    }
    if (fillsHandlers) {
      const filled: unknown[] = [];
      for (const [index, handler] of (handlers as unknown[]).entries()) {
        filled.push(await this.handlerCertificates.fill(handler, agencyId, `handlers[${index}]`));
      }
      return { ...payload, handlers: filled };
    }
    return { ...payload, replacement: await this.handlerCertificates.fill(replacement, agencyId, 'replacement') };
  }

  /**
   * The case's agency and stage for the checks made before a step is sent: from the projection,
   * which spares the workflow a query on every such step, else (registration not yet recorded)
   * from the workflow. The agency never changes. The stage trails the workflow by at most the
   * step in flight, so a check passed on it is still judged again by the workflow.
   */
  private async agencyAndStage(caseId: string): Promise<Pick<CaseState, 'agencyId' | 'stage'>> {
    return (await this.caseRecords.findCaseStage(caseId)) ?? (await this.currentState(caseId));
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
    const translated = translateTemporalError(error, caseId);
    // Another agency's case is answered as if it did not exist, as reading it is (404, not 403).
    if (translated instanceof DomainError && translated.code === DomainErrorCode.AgencyMismatch) {
      return new DomainError(DomainErrorCode.CaseNotFound, `no case ${caseId}`);
    }
    return translated;
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
