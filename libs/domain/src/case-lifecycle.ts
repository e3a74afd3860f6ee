import type { CaseCommand, CaseCommandType } from './case-command';
import type { CaseEvent, CaseEventData } from './case-event';
import { CaseStage, isFinalStage } from './case-stage';
import {
  CLUE_SOURCES,
  DECISION_OUTCOMES,
  PARTY_RESPONSES,
  type CaseRegistration,
  type CaseState,
  type HandlerAssignment,
  type IsoTimestamp,
  type Party,
} from './case-state';
import { DECISION_PERIOD_DAYS, addNaturalDays, nextRunningDeadline, settleDeadline, startDeadline } from './deadlines';
import { DomainError, DomainErrorCode } from './domain-error';
import {
  TEXT_LIMITS,
  optionalText,
  requireAmount,
  requireArray,
  requireObject,
  requireOneOf,
  requireText,
  requireTimestamp,
} from './input-rules';
import { Role, SYSTEM_ACTOR_ID, type Actor } from './role';

/**
 * The case lifecycle as a pure event-sourced model: `decide` turns a command into an event or
 * refuses it with a coded DomainError; `evolve` applies an event. The workflow, the API's
 * state-at-a-time views and the tests all run this one definition.
 */

interface CommandRule {
  readonly roles: readonly Role[];
  readonly stages: readonly CaseStage[];
}

/** Who may issue each command, and in which stages (domain.md §1–2). */
export const COMMAND_RULES: { readonly [T in CaseCommandType]: CommandRule } = {
  approve_filing: { roles: [Role.Head], stages: [CaseStage.Clue] },
  decline_filing: { roles: [Role.Head], stages: [CaseStage.Clue] },
  assign_handlers: { roles: [Role.Head], stages: [CaseStage.Filed] },
  submit_investigation_report: { roles: [Role.Handler], stages: [CaseStage.Investigation] },
  decide_legal_review: { roles: [Role.Reviewer], stages: [CaseStage.LegalReview] },
  close_notice: { roles: [Role.Handler], stages: [CaseStage.Notice] },
  decide_case: { roles: [Role.Head], stages: [CaseStage.Notice] },
  close_case: { roles: [Role.Head], stages: [CaseStage.Decided] },
};

export const CASE_COMMAND_TYPES = Object.keys(COMMAND_RULES) as CaseCommandType[];

export interface CommandContext {
  readonly actor: Actor;
  readonly now: IsoTimestamp;
  /** When given, the command is refused unless the case is still at this version. */
  readonly expectedVersion?: number;
}

const MAX_HANDLERS = 20;

// ── registration ────────────────────────────────────────────────────────────────────────────

function parseParty(value: unknown): Party {
  const party = requireObject(value, 'party');
  const idNumber = optionalText(party['idNumber'], 'party.idNumber', 64);
  return {
    type: requireOneOf(party['type'], ['individual', 'organization'] as const, 'party.type'),
    name: requireText(party['name'], 'party.name', TEXT_LIMITS.short),
    ...(idNumber === undefined ? {} : { idNumber }),
  };
}

export function parseRegistration(value: unknown): CaseRegistration {
  const input = requireObject(value, 'registration');
  const violationCode = optionalText(input['violationCode'], 'violationCode', 64);
  return {
    caseId: requireText(input['caseId'], 'caseId', 64),
    agencyId: requireText(input['agencyId'], 'agencyId', 64),
    source: requireOneOf(input['source'], CLUE_SOURCES, 'source'),
    summary: requireText(input['summary'], 'summary'),
    ...(violationCode === undefined ? {} : { violationCode }),
    party: parseParty(input['party']),
  };
}

/** A clue is registered by a handler of the agency that received it (线索登记). */
export function registerCase(
  registrationInput: unknown,
  actor: Actor,
  now: IsoTimestamp,
): { readonly state: CaseState; readonly event: CaseEvent } {
  const registration = parseRegistration(registrationInput);
  if (actor.role !== Role.Handler) {
    throw new DomainError(DomainErrorCode.RoleNotPermitted, `a clue is registered by a handler, not by a ${actor.role}`);
  }
  if (actor.agencyId !== registration.agencyId) {
    throw new DomainError(DomainErrorCode.AgencyMismatch, 'a clue is registered in the actor’s own agency', 'agencyId');
  }
  const event: CaseEvent = {
    caseId: registration.caseId,
    sequence: 1,
    occurredAt: now,
    actor: { userId: actor.userId, role: actor.role },
    stageBefore: null,
    stageAfter: CaseStage.Clue,
    data: { type: 'case_registered', registration },
  };
  const { caseId, agencyId, ...clue } = registration;
  const state: CaseState = {
    caseId,
    agencyId,
    stage: CaseStage.Clue,
    version: 1,
    registeredAt: now,
    registeredBy: { userId: actor.userId, role: actor.role },
    clue,
    handlers: [],
    reviews: [],
    deadlines: [],
  };
  return { state, event };
}

// ── commands ────────────────────────────────────────────────────────────────────────────────

function assertPermitted(state: CaseState, type: CaseCommandType, context: CommandContext): void {
  const { actor } = context;
  if (isFinalStage(state.stage)) {
    throw new DomainError(DomainErrorCode.CaseClosed, `the case is ${state.stage}; nothing more can be recorded on it`);
  }
  if (actor.agencyId !== state.agencyId) {
    throw new DomainError(DomainErrorCode.AgencyMismatch, 'the case belongs to another agency');
  }
  const rule = COMMAND_RULES[type];
  if (!rule.roles.includes(actor.role)) {
    throw new DomainError(
      DomainErrorCode.RoleNotPermitted,
      `${type} is for the ${rule.roles.join(' or ')}, not the ${actor.role}`,
    );
  }
  // A stale view is reported as such: the person decided on a case that has since moved.
  if (context.expectedVersion !== undefined && context.expectedVersion !== state.version) {
    throw new DomainError(
      DomainErrorCode.VersionConflict,
      `the case is at version ${state.version}, not the expected ${context.expectedVersion}; reload and try again`,
      'expectedVersion',
    );
  }
  if (!rule.stages.includes(state.stage)) {
    throw new DomainError(
      DomainErrorCode.StageTransitionNotAllowed,
      `${type} is allowed in stage ${rule.stages.join(' or ')}; the case is in stage ${state.stage}`,
    );
  }
}

function isHandlerOf(state: CaseState, userId: string): boolean {
  return state.handlers.some((handler) => handler.userId === userId);
}

function parseHandlers(value: unknown, now: IsoTimestamp): HandlerAssignment[] {
  const items = requireArray(value, 'handlers', MAX_HANDLERS);
  const handlers = items.map((item, index) => {
    const handler = requireObject(item, `handlers[${index}]`);
    return {
      userId: requireText(handler['userId'], `handlers[${index}].userId`, 64),
      certificateNumber: requireText(handler['certificateNumber'], `handlers[${index}].certificateNumber`, 64),
      certificateExpiresAt: requireTimestamp(handler['certificateExpiresAt'], `handlers[${index}].certificateExpiresAt`),
    };
  });
  const certified = handlers.filter((handler) => handler.certificateExpiresAt > now);
  const distinct = new Set(certified.map((handler) => handler.userId));
  if (distinct.size < 2) {
    throw new DomainError(
      DomainErrorCode.TwoCertifiedHandlersRequired,
      'APL 42, 55: investigation needs at least two different handlers, each with an unexpired enforcement certificate',
      'handlers',
    );
  }
  if (distinct.size !== handlers.length) {
    const expired = handlers.find((handler) => handler.certificateExpiresAt <= now);
    throw new DomainError(
      DomainErrorCode.TwoCertifiedHandlersRequired,
      expired
        ? `APL 42, 55: the certificate of handler ${expired.userId} has expired`
        : 'a handler is listed twice',
      'handlers',
    );
  }
  return handlers;
}

function parseFine(outcome: string, fine: unknown, field: string): number | undefined {
  if (fine === undefined || fine === null) {
    return undefined;
  }
  if (outcome !== 'penalty') {
    throw new DomainError(DomainErrorCode.InvalidInput, `${field}: a fine belongs only to a penalty`, field);
  }
  return requireAmount(fine, field);
}

function decideData(state: CaseState, command: CaseCommand, context: CommandContext): CaseEventData {
  const { actor, now } = context;
  const input = command as unknown as Record<string, unknown>;
  switch (command.type) {
    case 'approve_filing':
      return {
        type: 'filing_approved',
        reason: requireText(input['reason'], 'reason'),
        decisionDueAt: addNaturalDays(now, DECISION_PERIOD_DAYS),
      };
    case 'decline_filing':
      return { type: 'filing_declined', reason: requireText(input['reason'], 'reason') };
    case 'assign_handlers': {
      const handlers = parseHandlers(input['handlers'], now);
      if (handlers.some((handler) => handler.userId === actor.userId)) {
        throw new DomainError(
          DomainErrorCode.FourEyesViolation,
          'the head who assigns the handlers does not assign themself',
          'handlers',
        );
      }
      return { type: 'handlers_assigned', handlers };
    }
    case 'submit_investigation_report': {
      if (!isHandlerOf(state, actor.userId)) {
        throw new DomainError(DomainErrorCode.NotCaseParticipant, 'only a handler assigned to the case submits its report');
      }
      const proposedOutcome = requireOneOf(input['proposedOutcome'], DECISION_OUTCOMES, 'proposedOutcome');
      const proposedFine = parseFine(proposedOutcome, input['proposedFine'], 'proposedFine');
      return {
        type: 'investigation_report_submitted',
        findings: requireText(input['findings'], 'findings'),
        proposedOutcome,
        ...(proposedFine === undefined ? {} : { proposedFine }),
      };
    }
    case 'decide_legal_review': {
      if (isHandlerOf(state, actor.userId)) {
        throw new DomainError(
          DomainErrorCode.FourEyesViolation,
          'APL 58: a reviewer never reviews a case they handle',
        );
      }
      const outcome = requireOneOf(input['outcome'], ['approve', 'return'] as const, 'outcome');
      return {
        type: 'legal_review_decided',
        outcome: outcome === 'approve' ? 'approved' : 'returned',
        opinion: requireText(input['opinion'], 'opinion'),
      };
    }
    case 'close_notice': {
      if (!isHandlerOf(state, actor.userId)) {
        throw new DomainError(DomainErrorCode.NotCaseParticipant, 'only a handler assigned to the case records the party’s answer');
      }
      if (state.notice?.closedAt !== undefined) {
        throw new DomainError(DomainErrorCode.StageTransitionNotAllowed, 'the notice period is already closed');
      }
      const partyResponse = requireOneOf(input['partyResponse'], PARTY_RESPONSES, 'partyResponse');
      const statement = optionalText(input['statement'], 'statement');
      if (partyResponse === 'statement' && statement === undefined) {
        throw new DomainError(DomainErrorCode.InvalidInput, 'statement: the party’s statement is recorded as given', 'statement');
      }
      return { type: 'notice_closed', partyResponse, ...(statement === undefined ? {} : { statement }) };
    }
    case 'decide_case': {
      const review = state.reviews[state.reviews.length - 1];
      if (review?.outcome !== 'approved') {
        throw new DomainError(DomainErrorCode.LegalReviewNotApproved, 'APL 58: no decision without an approved legal review');
      }
      if (state.notice?.closedAt === undefined) {
        throw new DomainError(
          DomainErrorCode.NoticeNotClosed,
          'APL 44, 45: the party is heard (or waives) before the decision',
        );
      }
      const outcome = requireOneOf(input['outcome'], DECISION_OUTCOMES, 'outcome');
      const fine = parseFine(outcome, input['fine'], 'fine');
      return {
        type: 'case_decided',
        outcome,
        ...(fine === undefined ? {} : { fine }),
        reasoning: requireText(input['reasoning'], 'reasoning'),
      };
    }
    case 'close_case':
      return { type: 'case_closed', summary: requireText(input['summary'], 'summary') };
  }
}

/** The stage a case is in after an event. */
function stageAfter(state: CaseState, data: CaseEventData): CaseStage {
  switch (data.type) {
    case 'case_registered':
      return CaseStage.Clue;
    case 'filing_approved':
      return CaseStage.Filed;
    case 'filing_declined':
      return CaseStage.NotFiled;
    case 'handlers_assigned':
      return CaseStage.Investigation;
    case 'investigation_report_submitted':
      return CaseStage.LegalReview;
    case 'legal_review_decided':
      return data.outcome === 'approved' ? CaseStage.Notice : CaseStage.Investigation;
    case 'case_decided':
      return CaseStage.Decided;
    case 'case_closed':
      return CaseStage.Closed;
    case 'notice_closed':
    case 'deadline_missed':
      return state.stage;
  }
}

function toEvent(state: CaseState, data: CaseEventData, actor: CaseEvent['actor'], now: IsoTimestamp): CaseEvent {
  return {
    caseId: state.caseId,
    sequence: state.version + 1,
    occurredAt: now,
    actor,
    stageBefore: state.stage,
    stageAfter: stageAfter(state, data),
    data,
  };
}

/** Decides a command: the event it produces, or a DomainError saying which rule refuses it. */
export function decide(state: CaseState, command: CaseCommand, context: CommandContext): CaseEvent {
  if (typeof command !== 'object' || command === null || !(command.type in COMMAND_RULES)) {
    throw new DomainError(DomainErrorCode.InvalidInput, 'type: unknown command', 'type');
  }
  assertPermitted(state, command.type, context);
  const data = decideData(state, command, context);
  return toEvent(state, data, { userId: context.actor.userId, role: context.actor.role }, context.now);
}

/** Applies an event to the state it was decided on. */
export function evolve(state: CaseState, event: CaseEvent): CaseState {
  const at = event.occurredAt;
  const by = event.actor.userId;
  const next = { ...state, stage: event.stageAfter, version: event.sequence };
  const data = event.data;
  switch (data.type) {
    case 'case_registered':
      return next;
    case 'filing_approved':
      return {
        ...next,
        filing: { filed: true, decidedBy: by, decidedAt: at, reason: data.reason },
        deadlines: [...state.deadlines, startDeadline('decision', at, data.decisionDueAt)],
      };
    case 'filing_declined':
      return { ...next, filing: { filed: false, decidedBy: by, decidedAt: at, reason: data.reason } };
    case 'handlers_assigned':
      return { ...next, handlers: data.handlers };
    case 'investigation_report_submitted':
      return {
        ...next,
        report: {
          findings: data.findings,
          proposedOutcome: data.proposedOutcome,
          ...(data.proposedFine === undefined ? {} : { proposedFine: data.proposedFine }),
          submittedBy: by,
          submittedAt: at,
        },
      };
    case 'legal_review_decided':
      return {
        ...next,
        reviews: [...state.reviews, { outcome: data.outcome, reviewerId: by, opinion: data.opinion, decidedAt: at }],
        ...(data.outcome === 'approved' ? { notice: { openedAt: at } } : {}),
      };
    case 'notice_closed':
      return {
        ...next,
        notice: {
          openedAt: state.notice?.openedAt ?? at,
          closedAt: at,
          partyResponse: data.partyResponse,
          ...(data.statement === undefined ? {} : { statement: data.statement }),
        },
      };
    case 'case_decided':
      return {
        ...next,
        decision: {
          outcome: data.outcome,
          ...(data.fine === undefined ? {} : { fine: data.fine }),
          reasoning: data.reasoning,
          decidedBy: by,
          decidedAt: at,
        },
        deadlines: settleDeadline(state.deadlines, 'decision', 'met', at),
      };
    case 'case_closed':
      return { ...next, closing: { closedBy: by, closedAt: at, summary: data.summary } };
    case 'deadline_missed':
      return { ...next, deadlines: settleDeadline(state.deadlines, data.kind, 'missed', at) };
  }
}

/** Decides and applies a command in one step. */
export function applyCommand(
  state: CaseState,
  command: CaseCommand,
  context: CommandContext,
): { readonly state: CaseState; readonly event: CaseEvent } {
  const event = decide(state, command, context);
  return { state: evolve(state, event), event };
}

/** Rebuilds a case from its recorded events: how auditors see the case as it stood at any point. */
export function replayEvents(events: readonly CaseEvent[]): CaseState {
  const [first, ...rest] = events;
  if (first?.data.type !== 'case_registered') {
    throw new DomainError(DomainErrorCode.InvalidInput, 'a case history starts with its registration', 'events');
  }
  const { state } = registerCase(
    first.data.registration,
    { userId: first.actor.userId, role: Role.Handler, agencyId: first.data.registration.agencyId },
    first.occurredAt,
  );
  return rest.reduce(evolve, state);
}

/**
 * The fact that the running deadline falling due first has passed, if it has by `now`. The
 * workflow records it as an event of the system actor, so a missed deadline is never dropped.
 */
export function missedDeadlineEvent(state: CaseState, now: IsoTimestamp): CaseEvent | undefined {
  const due = nextRunningDeadline(state);
  if (due === undefined || due.dueAt > now || isFinalStage(state.stage)) {
    return undefined;
  }
  return toEvent(state, { type: 'deadline_missed', kind: due.kind, dueAt: due.dueAt }, { userId: SYSTEM_ACTOR_ID, role: 'system' }, now);
}

/** The commands an actor may issue now, judged by role, stage and participation alone. */
export function availableCommands(state: CaseState, actor: Actor): CaseCommandType[] {
  if (isFinalStage(state.stage) || actor.agencyId !== state.agencyId) {
    return [];
  }
  return CASE_COMMAND_TYPES.filter((type) => {
    const rule = COMMAND_RULES[type];
    if (!rule.roles.includes(actor.role) || !rule.stages.includes(state.stage)) {
      return false;
    }
    switch (type) {
      case 'submit_investigation_report':
        return isHandlerOf(state, actor.userId);
      case 'close_notice':
        return isHandlerOf(state, actor.userId) && state.notice?.closedAt === undefined;
      case 'decide_legal_review':
        return !isHandlerOf(state, actor.userId);
      case 'decide_case':
        return state.notice?.closedAt !== undefined;
      case 'approve_filing':
      case 'decline_filing':
      case 'assign_handlers':
      case 'close_case':
        return true;
    }
  });
}

/**
 * Who may read a case: its own agency's people, and supervision staff. To anyone else the case
 * does not exist, so its existence is not disclosed either.
 */
export function canReadCase(state: CaseState, actor: Actor): boolean {
  return actor.agencyId === state.agencyId || actor.role === Role.Auditor;
}
