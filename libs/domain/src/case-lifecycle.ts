import type { CaseCommand, CaseCommandType } from './case-command';
import {
  clockOf,
  extendClock,
  nextClockAlarm,
  openClocks,
  pauseClock,
  reschedule,
  resumeClock,
  settleClock,
  startClock,
  type ClockContext,
} from './case-deadlines';
import type { CaseEvent, CaseEventData } from './case-event';
import { CaseStage, isFinalStage } from './case-stage';
import {
  CLUE_SOURCES,
  DECISION_OUTCOMES,
  PARTY_RESPONSES,
  type CaseRegistration,
  type CaseState,
  type CaseTransferRecord,
  type DecisionOutcome,
  type Deadline,
  type DeadlineKind,
  type HandlerAssignment,
  type InvestigationReport,
  type IsoTimestamp,
  type Party,
} from './case-state';
import { computeDeadline, pausedDays } from './calendar';
import {
  VIOLATION_SEVERITIES,
  checkProposedPenalty,
  type PenaltyFinding,
  type ViolationSeverity,
} from './discretion/discretion-benchmark';
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
import { LEGAL_REVIEW_VERDICTS, assessLegalReviewRequirement, checkReviewChecklist } from './legal-review/review-requirement';
import { isHearingEligibleFine, lateSurcharge } from './policy/agency-policy';
import { Role, SYSTEM_ACTOR_ID, type Actor } from './role';
import { startClueTransfer } from './transfers/clue-transfer';
import { startJudicialTransfer } from './transfers/judicial-transfer';

/**
 * The case lifecycle as a pure event-sourced model: `decide` turns a command into an event or
 * refuses it with a coded DomainError; `evolve` applies an event. Everything a decision needs from
 * policy and calendar is computed in `decide` and carried by the event, so `evolve` (and with it
 * replaying a history years later) needs neither.
 */

interface CommandRule {
  readonly roles: readonly Role[];
  readonly stages: readonly CaseStage[];
}

/** The stages in which a case is open, before its decision. */
const PRE_DECISION: readonly CaseStage[] = [
  CaseStage.Filed,
  CaseStage.Investigation,
  CaseStage.Suspended,
  CaseStage.LegalReview,
  CaseStage.Notice,
  CaseStage.Hearing,
  CaseStage.CollectiveDiscussion,
];

/** Where the decision can be taken: the party has been heard, by notice, hearing or discussion. */
const DECIDABLE: readonly CaseStage[] = [CaseStage.Notice, CaseStage.Hearing, CaseStage.CollectiveDiscussion];

/** Where a transfer may start: any stage of an open case (domain.md §2, §3). */
const OPEN_STAGES: readonly CaseStage[] = [CaseStage.Clue, ...PRE_DECISION, CaseStage.Decided, CaseStage.Service, CaseStage.Publicity, CaseStage.Execution];

const AFTER_DECISION: readonly CaseStage[] = [CaseStage.Decided, CaseStage.Service, CaseStage.Publicity, CaseStage.Execution, CaseStage.Closed];

/** Who may issue each command, and in which stages (domain.md §1–2). */
export const COMMAND_RULES: { readonly [T in CaseCommandType]: CommandRule } = {
  approve_filing: { roles: [Role.Head], stages: [CaseStage.Clue] },
  decline_filing: { roles: [Role.Head], stages: [CaseStage.Clue] },
  extend_filing_period: { roles: [Role.Head], stages: [CaseStage.Clue] },
  assign_handlers: { roles: [Role.Head], stages: [CaseStage.Filed] },
  register_preservation: { roles: [Role.Handler], stages: [CaseStage.Investigation] },
  dispose_preservation: { roles: [Role.Handler], stages: [CaseStage.Investigation, CaseStage.Suspended] },
  suspend_case: { roles: [Role.Head], stages: [CaseStage.Clue, CaseStage.Investigation] },
  resume_case: { roles: [Role.Head], stages: [CaseStage.Suspended] },
  request_recusal: { roles: [Role.Handler], stages: PRE_DECISION },
  decide_recusal: { roles: [Role.Head], stages: PRE_DECISION },
  submit_investigation_report: { roles: [Role.Handler], stages: [CaseStage.Investigation] },
  decide_legal_review: { roles: [Role.Reviewer], stages: [CaseStage.LegalReview] },
  close_notice: { roles: [Role.Handler], stages: [CaseStage.Notice] },
  request_hearing: { roles: [Role.Handler], stages: [CaseStage.Notice] },
  schedule_hearing: { roles: [Role.Head], stages: [CaseStage.Hearing] },
  record_hearing: { roles: [Role.HearingOfficer], stages: [CaseStage.Hearing] },
  record_collective_discussion: { roles: [Role.Head], stages: [CaseStage.Notice, CaseStage.Hearing] },
  extend_decision_period: { roles: [Role.Head], stages: PRE_DECISION },
  decide_case: { roles: [Role.Head], stages: DECIDABLE },
  record_service: { roles: [Role.Handler], stages: [CaseStage.Decided] },
  publish_decision: { roles: [Role.Handler], stages: [CaseStage.Publicity] },
  record_decision_change: { roles: [Role.Head], stages: AFTER_DECISION },
  withdraw_publicity: { roles: [Role.Head], stages: AFTER_DECISION },
  record_payment: { roles: [Role.Handler], stages: [CaseStage.Execution] },
  apply_for_enforcement: { roles: [Role.Head], stages: [CaseStage.Execution] },
  record_penalty_carried_out: { roles: [Role.Handler], stages: [CaseStage.Execution] },
  start_clue_transfer: { roles: [Role.Handler], stages: OPEN_STAGES },
  start_judicial_transfer: { roles: [Role.Handler], stages: OPEN_STAGES },
  close_case: { roles: [Role.Head], stages: [CaseStage.Service, CaseStage.Publicity, CaseStage.Execution] },
  archive_case: { roles: [Role.Head], stages: [CaseStage.Closed] },
};

export const CASE_COMMAND_TYPES = Object.keys(COMMAND_RULES) as CaseCommandType[];

export interface CommandContext extends ClockContext {
  readonly actor: Actor;
  readonly now: IsoTimestamp;
  /** When given, the command is refused unless the case is still at this version. */
  readonly expectedVersion?: number;
}

const MAX_HANDLERS = 20;

function refuse(code: DomainErrorCode, message: string, field?: string): DomainError {
  return new DomainError(code, message, field);
}

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
  const violationEndedAt = input['violationEndedAt'] === undefined ? undefined : requireTimestamp(input['violationEndedAt'], 'violationEndedAt');
  const touches = input['touchesLifeHealthOrFinance'];
  if (touches !== undefined && typeof touches !== 'boolean') {
    throw refuse(DomainErrorCode.InvalidInput, 'touchesLifeHealthOrFinance: must be true or false', 'touchesLifeHealthOrFinance');
  }
  return {
    ...(violationEndedAt === undefined ? {} : { violationEndedAt }),
    ...(touches === undefined ? {} : { touchesLifeHealthOrFinance: touches }),
    caseId: requireText(input['caseId'], 'caseId', 64),
    agencyId: requireText(input['agencyId'], 'agencyId', 64),
    source: requireOneOf(input['source'], CLUE_SOURCES, 'source'),
    summary: requireText(input['summary'], 'summary'),
    ...(violationCode === undefined ? {} : { violationCode }),
    party: parseParty(input['party']),
  };
}

/** The state right after registration: a clue, with the filing-decision clock running. */
function initialState(event: CaseEvent & { data: { type: 'case_registered' } }): CaseState {
  const { caseId, agencyId, ...clue } = event.data.registration;
  return {
    caseId,
    agencyId,
    stage: CaseStage.Clue,
    version: event.sequence,
    policyVersion: event.data.policyVersion,
    registeredAt: event.occurredAt,
    registeredBy: { userId: event.actor.userId, role: event.actor.role === 'system' ? Role.Handler : event.actor.role },
    clue,
    filingExtensions: 0,
    handlers: [],
    suspensions: [],
    recusals: [],
    reviews: [],
    decisionExtensions: [],
    deadlines: event.deadlines,
    transfers: [],
    preservations: [],
  };
}

/** A clue is registered by a handler of the agency that received it (线索登记). */
export function registerCase(
  registrationInput: unknown,
  actor: Actor,
  now: IsoTimestamp,
  clocks: ClockContext,
): { readonly state: CaseState; readonly event: CaseEvent } {
  const registration = parseRegistration(registrationInput);
  if (actor.role !== Role.Handler) {
    throw refuse(DomainErrorCode.RoleNotPermitted, `a clue is registered by a handler, not by a ${actor.role}`);
  }
  if (actor.agencyId !== registration.agencyId) {
    throw refuse(DomainErrorCode.AgencyMismatch, 'a clue is registered in the actor’s own agency', 'agencyId');
  }
  const event = {
    caseId: registration.caseId,
    sequence: 1,
    occurredAt: now,
    actor: { userId: actor.userId, role: actor.role },
    stageBefore: null,
    stageAfter: CaseStage.Clue,
    data: { type: 'case_registered', registration, policyVersion: clocks.policy.version },
    deadlines: [startClock('filing_decision', now, clocks)],
  } as const;
  return { state: initialState(event), event };
}

// ── commands ────────────────────────────────────────────────────────────────────────────────

function assertPermitted(state: CaseState, type: CaseCommandType, context: CommandContext): void {
  const { actor } = context;
  if (isFinalStage(state.stage)) {
    throw refuse(DomainErrorCode.CaseClosed, `the case is ${state.stage}; nothing more can be recorded on it`);
  }
  if (actor.agencyId !== state.agencyId) {
    throw refuse(DomainErrorCode.AgencyMismatch, 'the case belongs to another agency');
  }
  const rule = COMMAND_RULES[type];
  if (!rule.roles.includes(actor.role)) {
    throw refuse(DomainErrorCode.RoleNotPermitted, `${type} is for the ${rule.roles.join(' or ')}, not the ${actor.role}`);
  }
  // A stale view is reported as such: the person decided on a case that has since moved.
  if (context.expectedVersion !== undefined && context.expectedVersion !== state.version) {
    throw refuse(
      DomainErrorCode.VersionConflict,
      `the case is at version ${state.version}, not the expected ${context.expectedVersion}; reload and try again`,
      'expectedVersion',
    );
  }
  if (!rule.stages.includes(state.stage)) {
    throw refuse(
      DomainErrorCode.StageTransitionNotAllowed,
      `${type} is allowed in stage ${rule.stages.join(' or ')}; the case is in stage ${state.stage}`,
    );
  }
}

function isHandlerOf(state: CaseState, userId: string): boolean {
  return state.handlers.some((handler) => handler.userId === userId);
}

function requireHandlerOf(state: CaseState, actor: Actor, what: string): void {
  if (!isHandlerOf(state, actor.userId)) {
    throw refuse(DomainErrorCode.NotCaseParticipant, `only a handler assigned to the case ${what}`);
  }
}

function parseHandler(value: unknown, field: string): HandlerAssignment {
  const handler = requireObject(value, field);
  return {
    userId: requireText(handler['userId'], `${field}.userId`, 64),
    certificateNumber: requireText(handler['certificateNumber'], `${field}.certificateNumber`, 64),
    certificateExpiresAt: requireTimestamp(handler['certificateExpiresAt'], `${field}.certificateExpiresAt`),
  };
}

/** APL 42, 55: at least two different handlers, each holding an unexpired certificate. */
function assertTwoCertifiedHandlers(handlers: readonly HandlerAssignment[], now: IsoTimestamp): void {
  const expired = handlers.find((handler) => handler.certificateExpiresAt <= now);
  if (expired !== undefined) {
    throw refuse(
      DomainErrorCode.TwoCertifiedHandlersRequired,
      `APL 42, 55: the certificate of handler ${expired.userId} has expired`,
      'handlers',
    );
  }
  const distinct = new Set(handlers.map((handler) => handler.userId));
  if (distinct.size !== handlers.length) {
    throw refuse(DomainErrorCode.TwoCertifiedHandlersRequired, 'a handler is listed twice', 'handlers');
  }
  if (distinct.size < 2) {
    throw refuse(
      DomainErrorCode.TwoCertifiedHandlersRequired,
      'APL 42, 55: investigation needs at least two different handlers, each with an unexpired enforcement certificate',
      'handlers',
    );
  }
}

function parseFine(outcome: string, fine: unknown, field: string): number | undefined {
  if (fine === undefined || fine === null) {
    return undefined;
  }
  if (outcome !== 'penalty') {
    throw refuse(DomainErrorCode.InvalidInput, `${field}: a fine belongs only to a penalty`, field);
  }
  return requireAmount(fine, field);
}

function optionalBoolean(value: unknown, field: string): boolean {
  if (value === undefined) {
    return false;
  }
  if (typeof value !== 'boolean') {
    throw refuse(DomainErrorCode.InvalidInput, `${field}: must be true or false`, field);
  }
  return value;
}

function latestReview(state: CaseState) {
  return state.reviews[state.reviews.length - 1];
}

/** The party has been heard: notice closed, or a hearing recorded. */
function partyHeard(state: CaseState): boolean {
  if (state.stage === CaseStage.Hearing) {
    return state.hearing?.recordedAt !== undefined;
  }
  return state.notice?.closedAt !== undefined || state.hearing?.recordedAt !== undefined;
}

/** Officers who investigated, reviewed or heard the case, for the four-eyes rule (APL 58, 64). */
function assertNotInvolved(state: CaseState, userId: string, as: string): void {
  if (isHandlerOf(state, userId)) {
    throw refuse(DomainErrorCode.FourEyesViolation, `APL 58, 64: a handler of the case cannot act as its ${as}`);
  }
  if (as !== 'reviewer' && state.reviews.some((review) => review.reviewerId === userId)) {
    throw refuse(DomainErrorCode.FourEyesViolation, `APL 58, 64: the case’s reviewer cannot act as its ${as}`);
  }
}

/** The clocks a suspension stops (SAMR: testing time is not counted). */
const SUSPENDED_CLOCKS: readonly DeadlineKind[] = ['filing_decision', 'decision'];

/** APL 36: two years from the end of the act to its discovery (registration); five for life, health, finance. */
function assertWithinLimitation(state: CaseState): void {
  const ended = state.clue.violationEndedAt;
  if (ended === undefined) {
    return;
  }
  const years = state.clue.touchesLifeHealthOrFinance === true ? 5 : 2;
  if (state.registeredAt > addMonths(ended, years * 12)) {
    throw refuse(
      DomainErrorCode.LimitationPeriodExpired,
      `APL 36: the act ended ${ended.slice(0, 10)} and was discovered more than ${years} years later; no penalty is given`,
    );
  }
}

/** Calendar months later, on the same day of the month (clamped to the month's last day). */
function addMonths(at: IsoTimestamp, months: number): IsoTimestamp {
  const date = new Date(at);
  const day = date.getUTCDate();
  date.setUTCDate(1);
  date.setUTCMonth(date.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  date.setUTCDate(Math.min(day, lastDay));
  return date.toISOString();
}

function openPreservation(state: CaseState) {
  return state.preservations.find((preservation) => preservation.disposal === undefined);
}

/** A fine outside its range is a finding for the reviewer, not a refusal (domain.md §5). */
function benchmarkFinding(
  state: CaseState,
  context: CommandContext,
  proposal: {
    severity: ViolationSeverity;
    proposedOutcome: DecisionOutcome;
    proposedFine: number | undefined;
    firstViolation: boolean;
    promptlyCorrected: boolean;
  },
): PenaltyFinding {
  const violationCode = state.clue.violationCode;
  if (context.benchmark === undefined || violationCode === undefined) {
    return {
      status: 'no_benchmark',
      message: violationCode === undefined ? 'the case names no violation code' : 'the agency has stored no discretion benchmark',
    };
  }
  return checkProposedPenalty(context.benchmark, {
    violationCode,
    severity: proposal.severity,
    proposedOutcome: proposal.proposedOutcome,
    ...(proposal.proposedFine === undefined ? {} : { proposedFine: proposal.proposedFine }),
    firstViolation: proposal.firstViolation,
    promptlyCorrected: proposal.promptlyCorrected,
  });
}

/** 案号 as the API allocates it (`<agency>-<year>-<sequence>`): printable, no spaces, short. */
const CASE_NUMBER_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,126}[0-9]$/;

/**
 * The case number the API allocated for this approval. Optional, so histories recorded before case
 * numbers existed, and workflows driven directly (tests), still decide; the API always sends one.
 */
function parseCaseNumber(value: unknown): string | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (typeof value !== 'string' || !CASE_NUMBER_PATTERN.test(value)) {
    throw refuse(DomainErrorCode.InvalidInput, 'caseNumber: is not a case number the system allocates', 'caseNumber');
  }
  return value;
}

/** Changes to the clocks an event makes, returned as the clocks after it. */
type ClockChanges = readonly Deadline[];

function settled(state: CaseState, kind: DeadlineKind, now: IsoTimestamp): ClockChanges {
  const clock = clockOf(state, kind);
  return clock !== undefined && (clock.status === 'running' || clock.status === 'paused') ? [settleClock(clock, 'met', now)] : [];
}

interface Decided {
  readonly data: CaseEventData;
  readonly stageAfter: CaseStage;
  readonly clocks?: ClockChanges;
}

function decideData(state: CaseState, command: CaseCommand, context: CommandContext): Decided {
  const { actor, now } = context;
  const input = command as unknown as Record<string, unknown>;
  switch (command.type) {
    case 'approve_filing': {
      assertWithinLimitation(state);
      const caseNumber = parseCaseNumber(input['caseNumber']);
      return {
        data: {
          type: 'filing_approved',
          reason: requireText(input['reason'], 'reason'),
          ...(caseNumber === undefined ? {} : { caseNumber }),
        },
        stageAfter: CaseStage.Filed,
        clocks: [...settled(state, 'filing_decision', now), startClock('decision', now, context)],
      };
    }
    case 'decline_filing':
      return {
        data: { type: 'filing_declined', reason: requireText(input['reason'], 'reason') },
        stageAfter: CaseStage.NotFiled,
        clocks: settled(state, 'filing_decision', now),
      };
    case 'extend_filing_period': {
      const clock = clockOf(state, 'filing_decision');
      if (state.filingExtensions >= context.policy.filing.maxExtensions || clock === undefined || clock.status !== 'running') {
        throw refuse(DomainErrorCode.ExtensionNotAllowed, 'SAMR Art. 18: the filing period is extended once at most');
      }
      return {
        data: { type: 'filing_period_extended', reason: requireText(input['reason'], 'reason') },
        stageAfter: state.stage,
        clocks: [extendClock(clock, context.policy.filing.extension, context)],
      };
    }
    case 'assign_handlers': {
      const handlers = requireArray(input['handlers'], 'handlers', MAX_HANDLERS).map((item, index) =>
        parseHandler(item, `handlers[${index}]`),
      );
      assertTwoCertifiedHandlers(handlers, now);
      if (handlers.some((handler) => handler.userId === actor.userId)) {
        throw refuse(DomainErrorCode.FourEyesViolation, 'the head who assigns the handlers does not assign themself', 'handlers');
      }
      return { data: { type: 'handlers_assigned', handlers }, stageAfter: CaseStage.Investigation };
    }
    case 'register_preservation': {
      requireHandlerOf(state, actor, 'registers evidence for preservation');
      if (openPreservation(state) !== undefined) {
        throw refuse(DomainErrorCode.StageTransitionNotAllowed, 'APL 56: the evidence already preserved is dealt with first');
      }
      const items = requireArray(input['items'], 'items', 200).map((item, index) => requireText(item, `items[${index}]`, TEXT_LIMITS.short));
      if (items.length === 0) {
        throw refuse(DomainErrorCode.InvalidInput, 'items: at least one item is preserved', 'items');
      }
      return {
        data: { type: 'preservation_registered', items },
        stageAfter: state.stage,
        clocks: [startClock('preservation', now, context)],
      };
    }
    case 'dispose_preservation': {
      requireHandlerOf(state, actor, 'records what was done with preserved evidence');
      if (openPreservation(state) === undefined) {
        throw refuse(DomainErrorCode.StageTransitionNotAllowed, 'no evidence is under preservation');
      }
      return {
        data: {
          type: 'preservation_disposed',
          measure: requireOneOf(input['measure'], ['returned', 'sealed', 'seized', 'confiscated', 'tested'] as const, 'measure'),
        },
        stageAfter: state.stage,
        clocks: settled(state, 'preservation', now),
      };
    }
    case 'suspend_case':
      // Testing, expert opinions and the like are not counted: the filing and decision clocks stand still.
      return {
        data: { type: 'case_suspended', reason: requireText(input['reason'], 'reason'), fromStage: state.stage },
        stageAfter: CaseStage.Suspended,
        clocks: SUSPENDED_CLOCKS.flatMap((kind) => {
          const clock = clockOf(state, kind);
          return clock?.status === 'running' ? [pauseClock(clock, now)] : [];
        }),
      };
    case 'resume_case': {
      const suspension = state.suspensions[state.suspensions.length - 1];
      const since = suspension?.from ?? now;
      return {
        data: { type: 'case_resumed', reason: requireText(input['reason'], 'reason'), pausedDays: pausedDays(since, now) },
        stageAfter: suspension?.fromStage ?? CaseStage.Investigation,
        clocks: SUSPENDED_CLOCKS.flatMap((kind) => {
          const clock = clockOf(state, kind);
          return clock?.status === 'paused' ? [resumeClock(clock, now, context)] : [];
        }),
      };
    }
    case 'request_recusal': {
      const handlerId = requireText(input['handlerId'], 'handlerId', 64);
      if (!isHandlerOf(state, handlerId)) {
        throw refuse(DomainErrorCode.InvalidInput, `handlerId: ${handlerId} is not a handler of the case`, 'handlerId');
      }
      if (state.recusals.some((recusal) => recusal.handlerId === handlerId && recusal.decision === undefined)) {
        throw refuse(DomainErrorCode.StageTransitionNotAllowed, `a recusal request against ${handlerId} is already pending`);
      }
      const recusalClock = clockOf(state, 'recusal_decision');
      return {
        data: { type: 'recusal_requested', handlerId, reason: requireText(input['reason'], 'reason') },
        stageAfter: state.stage,
        // The head decides within the policy's period (3 days); one clock for the oldest request pending.
        clocks: recusalClock?.status === 'running' ? [] : [startClock('recusal_decision', now, context)],
      };
    }
    case 'decide_recusal': {
      const handlerId = requireText(input['handlerId'], 'handlerId', 64);
      if (!state.recusals.some((recusal) => recusal.handlerId === handlerId && recusal.decision === undefined)) {
        throw refuse(DomainErrorCode.StageTransitionNotAllowed, `no pending recusal request against ${handlerId}`, 'handlerId');
      }
      const granted = optionalBoolean(input['granted'], 'granted');
      const reason = requireText(input['reason'], 'reason');
      const stillPending = state.recusals.find((recusal) => recusal.handlerId !== handlerId && recusal.decision === undefined);
      const recusalClocks = [
        ...settled(state, 'recusal_decision', now),
        ...(stillPending === undefined ? [] : [startClock('recusal_decision', stillPending.requestedAt, context)]),
      ];
      if (!granted) {
        return { data: { type: 'recusal_decided', handlerId, granted, reason }, stageAfter: state.stage, clocks: recusalClocks };
      }
      // The handler withdraws and is replaced; the investigation goes on meanwhile (APL 43).
      const replacement = parseHandler(input['replacement'], 'replacement');
      const handlers = [...state.handlers.filter((handler) => handler.userId !== handlerId), replacement];
      assertTwoCertifiedHandlers(handlers, now);
      if (state.reviews.some((review) => review.reviewerId === replacement.userId) || replacement.userId === state.hearing?.officerId) {
        throw refuse(DomainErrorCode.FourEyesViolation, 'APL 58, 64: the replacement already reviews or hears the case', 'replacement');
      }
      return { data: { type: 'recusal_decided', handlerId, granted, reason, replacement }, stageAfter: state.stage, clocks: recusalClocks };
    }
    case 'submit_investigation_report': {
      requireHandlerOf(state, actor, 'submits its report');
      const proposedOutcome = requireOneOf(input['proposedOutcome'], DECISION_OUTCOMES, 'proposedOutcome');
      const proposedFine = parseFine(proposedOutcome, input['proposedFine'], 'proposedFine');
      const otherStatutoryReviewGround = optionalText(input['otherStatutoryReviewGround'], 'otherStatutoryReviewGround');
      const facts = {
        touchesMajorPublicInterest: optionalBoolean(input['touchesMajorPublicInterest'], 'touchesMajorPublicInterest'),
        complexMultipleLegalRelations: optionalBoolean(input['complexMultipleLegalRelations'], 'complexMultipleLegalRelations'),
        heavyNonFinePenalty: optionalBoolean(input['heavyNonFinePenalty'], 'heavyNonFinePenalty'),
        severity:
          input['severity'] === undefined ? ('ordinary' as const) : requireOneOf(input['severity'], VIOLATION_SEVERITIES, 'severity'),
        firstViolation: optionalBoolean(input['firstViolation'], 'firstViolation'),
        promptlyCorrected: optionalBoolean(input['promptlyCorrected'], 'promptlyCorrected'),
      };
      const requirement = assessLegalReviewRequirement(
        {
          touchesMajorPublicInterest: facts.touchesMajorPublicInterest,
          affectsMajorRightsAfterHearing: false,
          complexMultipleLegalRelations: facts.complexMultipleLegalRelations,
          ...(otherStatutoryReviewGround === undefined ? {} : { otherStatutoryGround: otherStatutoryReviewGround }),
          proposedOutcome,
          ...(proposedFine === undefined ? {} : { proposedFine }),
        },
        context.policy,
      );
      const hearingEligible =
        proposedOutcome === 'penalty' &&
        (facts.heavyNonFinePenalty ||
          (proposedFine !== undefined && isHearingEligibleFine(context.policy, state.clue.party.type, proposedFine)));
      const report: Omit<InvestigationReport, 'submittedBy' | 'submittedAt'> = {
        findings: requireText(input['findings'], 'findings'),
        proposedOutcome,
        ...(proposedFine === undefined ? {} : { proposedFine }),
        ...facts,
        ...(otherStatutoryReviewGround === undefined ? {} : { otherStatutoryReviewGround }),
        legalReview: { required: requirement.required, grounds: requirement.grounds },
        collectiveDiscussionRequired: facts.complexMultipleLegalRelations || facts.severity === 'grave',
        hearingEligible,
        benchmarkFinding: benchmarkFinding(state, context, { ...facts, proposedOutcome, proposedFine }),
      };
      const toReview = requirement.required;
      return {
        data: { type: 'investigation_report_submitted', report, ...(toReview ? {} : { hearingRequestDueAt: hearingWindow(now, context) }) },
        stageAfter: toReview ? CaseStage.LegalReview : CaseStage.Notice,
        clocks: [toReview ? startClock('legal_review', now, context) : startClock('notice_response', now, context)],
      };
    }
    case 'decide_legal_review': {
      assertNotInvolved(state, actor.userId, 'reviewer');
      const verdict = requireOneOf(input['verdict'], LEGAL_REVIEW_VERDICTS, 'verdict');
      const opinion = requireText(input['opinion'], 'opinion');
      if (input['checklist'] !== undefined) {
        checkReviewChecklist(verdict, requireObject(input['checklist'], 'checklist'));
      }
      const outcome = (
        { approve: 'approved', return_for_investigation: 'returned', revise_and_resubmit: 'revision_requested', disapprove: 'disapproved' } as const
      )[verdict];
      const reviewClock = settled(state, 'legal_review', now);
      return {
        data: { type: 'legal_review_decided', outcome, opinion, ...(outcome === 'approved' ? { hearingRequestDueAt: hearingWindow(now, context) } : {}) },
        // A return, a revision and a disapproval all go back to the handlers: no decision is made
        // without an approved review of the report as it then stands (APL 58).
        stageAfter: outcome === 'approved' ? CaseStage.Notice : CaseStage.Investigation,
        clocks: outcome === 'approved' ? [...reviewClock, startClock('notice_response', now, context)] : reviewClock,
      };
    }
    case 'close_notice': {
      requireHandlerOf(state, actor, 'records the party’s answer');
      if (state.notice?.closedAt !== undefined) {
        throw refuse(DomainErrorCode.StageTransitionNotAllowed, 'the notice period is already closed');
      }
      const partyResponse = requireOneOf(input['partyResponse'], PARTY_RESPONSES, 'partyResponse');
      const statement = optionalText(input['statement'], 'statement');
      if (partyResponse === 'statement' && statement === undefined) {
        throw refuse(DomainErrorCode.InvalidInput, 'statement: the party’s statement is recorded as given', 'statement');
      }
      return {
        data: { type: 'notice_closed', closure: partyResponse, ...(statement === undefined ? {} : { statement }) },
        stageAfter: CaseStage.Notice,
        clocks: settled(state, 'notice_response', now),
      };
    }
    case 'request_hearing': {
      requireHandlerOf(state, actor, 'records the party’s hearing request');
      if (state.report?.hearingEligible !== true) {
        throw refuse(DomainErrorCode.HearingNotAvailable, 'APL 63: the proposed penalty is not one a hearing may be requested for');
      }
      const requestedAt = input['requestedAt'] === undefined ? now : requireTimestamp(input['requestedAt'], 'requestedAt');
      if (requestedAt > now) {
        throw refuse(DomainErrorCode.InvalidInput, 'requestedAt: cannot be in the future', 'requestedAt');
      }
      if (state.notice === undefined || requestedAt > state.notice.hearingRequestDueAt || state.notice.closedAt !== undefined) {
        throw refuse(DomainErrorCode.HearingNotAvailable, 'APL 64: a hearing is requested within 5 days of the notice');
      }
      const decision = clockOf(state, 'decision');
      return {
        data: { type: 'hearing_requested', requestedAt },
        stageAfter: CaseStage.Hearing,
        // Hearing time is not counted in the decision period (SAMR).
        clocks: [...settled(state, 'notice_response', now), ...(decision?.status === 'running' ? [pauseClock(decision, now)] : [])],
      };
    }
    case 'schedule_hearing': {
      if (state.hearing?.recordedAt !== undefined) {
        throw refuse(DomainErrorCode.StageTransitionNotAllowed, 'the hearing has been held');
      }
      const officerId = requireText(input['officerId'], 'officerId', 64);
      assertNotInvolved(state, officerId, 'hearing officer');
      const scheduledFor = requireTimestamp(input['scheduledFor'], 'scheduledFor');
      const lead = context.policy.hearing.noticeLeadTime;
      if (scheduledFor <= computeDeadline(now, lead, context.calendar).dueAt) {
        throw refuse(
          DomainErrorCode.InvalidInput,
          `scheduledFor: APL 64: the party is notified at least ${lead.count} ${lead.unit.replace('_', ' ')} before the hearing`,
          'scheduledFor',
        );
      }
      return {
        data: { type: 'hearing_scheduled', officerId, scheduledFor, public: optionalBoolean(input['public'], 'public') },
        stageAfter: CaseStage.Hearing,
      };
    }
    case 'record_hearing': {
      if (state.hearing?.officerId !== actor.userId) {
        throw refuse(DomainErrorCode.NotCaseParticipant, 'only the hearing officer appointed for the case records the hearing');
      }
      if (state.hearing.recordedAt !== undefined) {
        throw refuse(DomainErrorCode.StageTransitionNotAllowed, 'the hearing is already recorded');
      }
      const decision = clockOf(state, 'decision');
      return {
        data: {
          type: 'hearing_recorded',
          outcome: requireOneOf(input['outcome'], ['held', 'party_absent'] as const, 'outcome'),
          record: requireText(input['record'], 'record'),
        },
        stageAfter: CaseStage.Hearing,
        clocks: decision?.status === 'paused' ? [resumeClock(decision, now, context)] : [],
      };
    }
    case 'record_collective_discussion': {
      if (!partyHeard(state)) {
        throw refuse(DomainErrorCode.NoticeNotClosed, 'APL 44, 45: the party is heard before the heads discuss the decision');
      }
      const participants = requireArray(input['participants'], 'participants', 50).map((item, index) =>
        requireText(item, `participants[${index}]`, 64),
      );
      if (new Set(participants).size < 2) {
        throw refuse(DomainErrorCode.InvalidInput, 'participants: a collective discussion has at least two heads', 'participants');
      }
      return {
        data: { type: 'collective_discussion_recorded', participants, conclusion: requireText(input['conclusion'], 'conclusion') },
        stageAfter: CaseStage.CollectiveDiscussion,
      };
    }
    case 'extend_decision_period': {
      const clock = clockOf(state, 'decision');
      if (clock === undefined || clock.status === 'met' || clock.status === 'missed') {
        throw refuse(DomainErrorCode.ExtensionNotAllowed, 'the decision period is not running');
      }
      const viaCollectiveDiscussion = optionalBoolean(input['viaCollectiveDiscussion'], 'viaCollectiveDiscussion');
      if (state.decisionExtensions.length >= 1 && !viaCollectiveDiscussion) {
        throw refuse(
          DomainErrorCode.ExtensionNotAllowed,
          'a further extension of the decision period needs a collective discussion',
          'viaCollectiveDiscussion',
        );
      }
      if (context.policy.decision.extension.count === 0) {
        throw refuse(DomainErrorCode.ExtensionNotAllowed, 'the agency’s policy allows no extension of the decision period');
      }
      return {
        data: { type: 'decision_period_extended', reason: requireText(input['reason'], 'reason'), viaCollectiveDiscussion },
        stageAfter: state.stage,
        clocks: [extendClock(clock, context.policy.decision.extension, context)],
      };
    }
    case 'decide_case': {
      const report = state.report;
      if (report === undefined) {
        throw refuse(DomainErrorCode.StageTransitionNotAllowed, 'no investigation report to decide on');
      }
      if (report.legalReview.required && latestReview(state)?.outcome !== 'approved') {
        throw refuse(DomainErrorCode.LegalReviewNotApproved, 'APL 58: no decision without an approved legal review');
      }
      if (!partyHeard(state)) {
        throw refuse(DomainErrorCode.NoticeNotClosed, 'APL 44, 45: the party is heard (or waives) before the decision');
      }
      if (report.collectiveDiscussionRequired && state.collectiveDiscussion === undefined) {
        throw refuse(
          DomainErrorCode.CollectiveDiscussionRequired,
          'APL 57: a complex case or a grave violation is decided after the heads’ collective discussion',
        );
      }
      const outcome = requireOneOf(input['outcome'], DECISION_OUTCOMES, 'outcome');
      if (outcome === 'penalty') {
        assertWithinLimitation(state);
      }
      const fine = parseFine(outcome, input['fine'], 'fine');
      const defended = state.notice?.closure === 'statement' || state.hearing?.outcome === 'held';
      if (defended && fine !== undefined && fine > (report.proposedFine ?? 0)) {
        throw refuse(
          DomainErrorCode.PenaltyIncreasedAfterDefence,
          'APL 45: the penalty may not be increased because the party stated a defence',
          'fine',
        );
      }
      const publish = optionalBoolean(input['publish'], 'publish');
      return {
        data: { type: 'case_decided', outcome, ...(fine === undefined ? {} : { fine }), reasoning: requireText(input['reasoning'], 'reasoning'), publish },
        stageAfter: CaseStage.Decided,
        clocks: [
          ...settled(state, 'decision', now),
          startClock('service', now, context),
          ...(publish ? [startClock('publicity', now, context)] : []),
        ],
      };
    }
    case 'record_service': {
      requireHandlerOf(state, actor, 'records service of the decision');
      const servedAt = input['servedAt'] === undefined ? now : requireTimestamp(input['servedAt'], 'servedAt');
      if (servedAt > now || (state.decision !== undefined && servedAt < state.decision.decidedAt)) {
        throw refuse(DomainErrorCode.InvalidInput, 'servedAt: between the decision and now', 'servedAt');
      }
      const method = requireOneOf(input['method'], ['in_person', 'by_post', 'electronic', 'public_announcement'] as const, 'method');
      const decision = state.decision;
      const fined = decision?.outcome === 'penalty' && (decision.fine ?? 0) > 0;
      const stageAfter = decision?.publish === true ? CaseStage.Publicity : decision?.outcome === 'penalty' ? CaseStage.Execution : CaseStage.Service;
      return {
        data: { type: 'service_recorded', method, servedAt },
        stageAfter,
        clocks: [...settled(state, 'service', now), ...(fined ? [startClock('payment', servedAt, context)] : [])],
      };
    }
    case 'publish_decision': {
      requireHandlerOf(state, actor, 'publishes the decision');
      return {
        data: { type: 'decision_published' },
        stageAfter: state.decision?.outcome === 'penalty' ? CaseStage.Execution : CaseStage.Publicity,
        clocks: settled(state, 'publicity', now),
      };
    }
    case 'record_decision_change': {
      const kind = requireOneOf(input['kind'], ['changed', 'revoked', 'held_unlawful'] as const, 'kind');
      return {
        data: { type: 'decision_change_recorded', kind, reason: requireText(input['reason'], 'reason') },
        stageAfter: state.stage,
        clocks: state.publicity?.publishedAt !== undefined ? [startClock('publicity_withdrawal', now, context)] : [],
      };
    }
    case 'withdraw_publicity': {
      if (state.publicity?.publishedAt === undefined || state.publicity.withdrawnAt !== undefined) {
        throw refuse(DomainErrorCode.StageTransitionNotAllowed, 'only a published decision, not yet withdrawn, is withdrawn');
      }
      return {
        data: { type: 'publicity_withdrawn', reason: requireText(input['reason'], 'reason') },
        stageAfter: state.stage,
        clocks: settled(state, 'publicity_withdrawal', now),
      };
    }
    case 'record_payment': {
      requireHandlerOf(state, actor, 'records a payment');
      const execution = state.execution;
      if (execution === undefined || execution.completedAt !== undefined) {
        throw refuse(DomainErrorCode.StageTransitionNotAllowed, 'no fine is outstanding');
      }
      const amount = requireAmount(input['amount'], 'amount');
      if (amount === 0) {
        throw refuse(DomainErrorCode.InvalidInput, 'amount: a payment is more than zero', 'amount');
      }
      const paidAt = input['paidAt'] === undefined ? now : requireTimestamp(input['paidAt'], 'paidAt');
      if (paidAt > now) {
        throw refuse(DomainErrorCode.InvalidInput, 'paidAt: cannot be in the future', 'paidAt');
      }
      const payment = clockOf(state, 'payment');
      const daysLate = payment === undefined ? 0 : Math.max(0, Math.ceil((Date.parse(paidAt) - Date.parse(payment.dueAt)) / 86_400_000));
      const surcharge = lateSurcharge(context.policy, execution.fine, daysLate);
      const totalDue = Math.round((execution.fine + surcharge) * 100) / 100;
      const paid = execution.payments.reduce((sum, item) => sum + item.amount, 0) + amount;
      const isSettled = paid + 1e-9 >= totalDue;
      return {
        data: { type: 'payment_recorded', amount, paidAt, surcharge, totalDue, settled: isSettled },
        stageAfter: CaseStage.Execution,
        clocks: isSettled ? settled(state, 'payment', now) : [],
      };
    }
    case 'apply_for_enforcement':
      if (state.execution?.completedAt !== undefined) {
        throw refuse(DomainErrorCode.StageTransitionNotAllowed, 'the penalty has already been executed');
      }
      // The party may seek reconsideration within 60 days and sue within 6 months of service;
      // only after both may the agency apply to the court for forced enforcement.
      if (state.service === undefined || now < addMonths(state.service.servedAt, 6)) {
        throw refuse(
          DomainErrorCode.EnforcementPremature,
          'forced enforcement is applied for after the 60-day reconsideration and 6-month lawsuit windows have passed',
        );
      }
      return {
        data: { type: 'enforcement_applied', reason: requireText(input['reason'], 'reason') },
        stageAfter: CaseStage.Execution,
        clocks: settled(state, 'payment', now),
      };
    case 'record_penalty_carried_out':
      requireHandlerOf(state, actor, 'records that the penalty was carried out');
      if (state.execution !== undefined && state.execution.fine > 0) {
        throw refuse(DomainErrorCode.StageTransitionNotAllowed, 'a fine is executed by payment or by applying for enforcement');
      }
      return {
        data: { type: 'penalty_carried_out', summary: requireText(input['summary'], 'summary') },
        stageAfter: CaseStage.Execution,
      };
    case 'start_clue_transfer':
    case 'start_judicial_transfer': {
      const kind = command.type === 'start_clue_transfer' ? 'clue_transfer' : 'judicial_transfer';
      if (state.transfers.some((transfer) => transfer.kind === kind)) {
        throw refuse(DomainErrorCode.TransferAlreadyStarted, `the case already has a ${kind.replace('_', ' ')}`);
      }
      // The transfer's own model judges the proposal or report, exactly as the child will.
      const start = { transferId: `${state.caseId}/${kind}`, parentCaseId: state.caseId, agencyId: state.agencyId, policy: context.policy };
      if (kind === 'clue_transfer') {
        startClueTransfer({ ...start, proposal: input['proposal'] }, actor, now, context.calendar);
      } else {
        startJudicialTransfer({ ...start, report: input['report'] }, actor, now, context.calendar);
      }
      return { data: { type: 'transfer_started', kind }, stageAfter: state.stage };
    }
    case 'close_case': {
      if (state.stage === CaseStage.Execution && state.execution?.completedAt === undefined) {
        throw refuse(DomainErrorCode.StageTransitionNotAllowed, 'the penalty is executed (paid, carried out or enforcement applied) before closing');
      }
      if (state.stage === CaseStage.Publicity && state.publicity?.publishedAt === undefined) {
        throw refuse(DomainErrorCode.StageTransitionNotAllowed, 'the decision is published before closing');
      }
      return {
        data: { type: 'case_closed', summary: requireText(input['summary'], 'summary') },
        stageAfter: CaseStage.Closed,
        clocks: [
          // Clocks that can no longer be met are closed with the case; the closing report shows them.
          ...openClocks(state)
            .filter((clock) => clock.kind !== 'publicity_withdrawal')
            .map((clock) => settleClock(clock, 'met', now)),
          startClock('archive', now, context),
        ],
      };
    }
    case 'archive_case':
      // An archived file is immutable: a pending withdrawal of its publicity is done first.
      if (clockOf(state, 'publicity_withdrawal')?.status === 'running') {
        throw refuse(DomainErrorCode.StageTransitionNotAllowed, 'APL 48: the changed decision is withdrawn from publicity before the file is archived');
      }
      return {
        data: { type: 'case_archived', important: optionalBoolean(input['important'], 'important') },
        stageAfter: CaseStage.Archived,
        clocks: settled(state, 'archive', now),
      };
  }
}

function mergeClocks(current: readonly Deadline[], changes: readonly Deadline[]): readonly Deadline[] {
  const byKind = new Map(current.map((deadline) => [deadline.kind, deadline]));
  for (const change of changes) {
    byKind.set(change.kind, change);
  }
  return [...byKind.values()];
}

function toEvent(state: CaseState, decided: Decided, actor: CaseEvent['actor'], now: IsoTimestamp): CaseEvent {
  return {
    caseId: state.caseId,
    sequence: state.version + 1,
    occurredAt: now,
    actor,
    stageBefore: state.stage,
    stageAfter: decided.stageAfter,
    data: decided.data,
    deadlines: decided.clocks ?? [],
  };
}

/** Decides a command: the event it produces, or a DomainError saying which rule refuses it. */
export function decide(state: CaseState, command: CaseCommand, context: CommandContext): CaseEvent {
  if (typeof command !== 'object' || command === null || !(command.type in COMMAND_RULES)) {
    throw refuse(DomainErrorCode.InvalidInput, 'type: unknown command', 'type');
  }
  assertPermitted(state, command.type, context);
  return toEvent(state, decideData(state, command, context), { userId: context.actor.userId, role: context.actor.role }, context.now);
}

/** Applies an event to the state it was decided on. */
export function evolve(state: CaseState, event: CaseEvent): CaseState {
  const at = event.occurredAt;
  const by = event.actor.userId;
  const next: CaseState = {
    ...state,
    stage: event.stageAfter,
    version: event.sequence,
    deadlines: mergeClocks(state.deadlines, event.deadlines),
  };
  const data = event.data;
  switch (data.type) {
    case 'case_registered':
      return initialState({ ...event, data });
    case 'filing_approved':
      return {
        ...next,
        ...(data.caseNumber === undefined ? {} : { caseNumber: data.caseNumber }),
        filing: { filed: true, decidedBy: by, decidedAt: at, reason: data.reason },
      };
    case 'filing_declined':
      return { ...next, filing: { filed: false, decidedBy: by, decidedAt: at, reason: data.reason } };
    case 'filing_period_extended':
      return { ...next, filingExtensions: state.filingExtensions + 1 };
    case 'handlers_assigned':
      return { ...next, handlers: data.handlers };
    case 'case_suspended':
      return { ...next, suspensions: [...state.suspensions, { from: at, fromStage: data.fromStage, reason: data.reason }] };
    case 'preservation_registered':
      return { ...next, preservations: [...state.preservations, { items: data.items, registeredAt: at, registeredBy: by }] };
    case 'preservation_disposed':
      return {
        ...next,
        preservations: state.preservations.map((preservation) =>
          preservation.disposal === undefined ? { ...preservation, disposal: { measure: data.measure, at, by } } : preservation,
        ),
      };
    case 'case_resumed':
      return {
        ...next,
        suspensions: state.suspensions.map((suspension, index) =>
          index === state.suspensions.length - 1 ? { ...suspension, to: at, pausedDays: data.pausedDays } : suspension,
        ),
      };
    case 'recusal_requested':
      return { ...next, recusals: [...state.recusals, { handlerId: data.handlerId, reason: data.reason, requestedAt: at }] };
    case 'recusal_decided':
      return {
        ...next,
        recusals: state.recusals.map((recusal) =>
          recusal.handlerId === data.handlerId && recusal.decision === undefined
            ? { ...recusal, decision: data.granted ? 'granted' : 'refused', decidedAt: at, ...(data.replacement ? { replacement: data.replacement } : {}) }
            : recusal,
        ),
        handlers:
          data.granted && data.replacement !== undefined
            ? [...state.handlers.filter((handler) => handler.userId !== data.handlerId), data.replacement]
            : state.handlers,
      };
    case 'investigation_report_submitted':
      return {
        ...next,
        report: { ...data.report, submittedBy: by, submittedAt: at },
        ...(data.hearingRequestDueAt === undefined ? {} : { notice: { openedAt: at, hearingRequestDueAt: data.hearingRequestDueAt } }),
      };
    case 'legal_review_decided':
      return {
        ...next,
        reviews: [...state.reviews, { outcome: data.outcome, reviewerId: by, opinion: data.opinion, decidedAt: at }],
        ...(data.hearingRequestDueAt === undefined ? {} : { notice: { openedAt: at, hearingRequestDueAt: data.hearingRequestDueAt } }),
      };
    case 'notice_closed':
      return {
        ...next,
        notice: {
          ...(state.notice ?? { openedAt: at, hearingRequestDueAt: at }),
          closedAt: at,
          closure: data.closure,
          ...(data.statement === undefined ? {} : { statement: data.statement }),
        },
      };
    case 'hearing_requested':
      return {
        ...next,
        notice: { ...(state.notice ?? { openedAt: at, hearingRequestDueAt: at }), closedAt: at, closure: 'hearing_requested' },
        hearing: { requestedAt: data.requestedAt },
      };
    case 'hearing_scheduled':
      return {
        ...next,
        hearing: { ...(state.hearing ?? { requestedAt: at }), officerId: data.officerId, scheduledFor: data.scheduledFor, scheduledAt: at, public: data.public },
      };
    case 'hearing_recorded':
      return { ...next, hearing: { ...(state.hearing ?? { requestedAt: at }), outcome: data.outcome, record: data.record, recordedAt: at } };
    case 'collective_discussion_recorded':
      return { ...next, collectiveDiscussion: { heldAt: at, recordedBy: by, participants: data.participants, conclusion: data.conclusion } };
    case 'decision_period_extended':
      return { ...next, decisionExtensions: [...state.decisionExtensions, { by, at, viaCollectiveDiscussion: data.viaCollectiveDiscussion }] };
    case 'case_decided':
      return {
        ...next,
        decision: {
          outcome: data.outcome,
          ...(data.fine === undefined ? {} : { fine: data.fine }),
          reasoning: data.reasoning,
          publish: data.publish,
          decidedBy: by,
          decidedAt: at,
        },
      };
    case 'service_recorded':
      return {
        ...next,
        service: { servedAt: data.servedAt, method: data.method, recordedBy: by },
        ...(state.decision?.outcome === 'penalty' ? { execution: { fine: state.decision.fine ?? 0, payments: [] } } : {}),
      };
    case 'decision_published':
      return { ...next, publicity: { ...state.publicity, publishedAt: at } };
    case 'decision_change_recorded':
      return { ...next, publicity: { ...state.publicity, decisionChange: { kind: data.kind, at, reason: data.reason } } };
    case 'publicity_withdrawn':
      return { ...next, publicity: { ...state.publicity, withdrawnAt: at, withdrawalReason: data.reason } };
    case 'payment_recorded': {
      const execution = state.execution ?? { fine: 0, payments: [] };
      return {
        ...next,
        execution: {
          ...execution,
          payments: [...execution.payments, { amount: data.amount, paidAt: data.paidAt }],
          ...(data.settled ? { completedAt: at, completion: 'paid' as const } : {}),
        },
      };
    }
    case 'enforcement_applied':
      return { ...next, execution: { ...(state.execution ?? { fine: 0, payments: [] }), completedAt: at, completion: 'enforcement_applied' } };
    case 'penalty_carried_out':
      return { ...next, execution: { ...(state.execution ?? { fine: 0, payments: [] }), completedAt: at, completion: 'carried_out' } };
    case 'case_closed':
      return {
        ...next,
        closing: {
          closedBy: by,
          closedAt: at,
          summary: data.summary,
          deadlines: state.deadlines.map((deadline) => ({
            kind: deadline.kind,
            status: event.deadlines.find((change) => change.kind === deadline.kind)?.status ?? deadline.status,
          })),
          transfers: state.transfers.map((transfer) => ({ kind: transfer.kind, outcome: transfer.outcome ?? 'open' })),
        },
      };
    case 'case_archived':
      return { ...next, archive: { archivedAt: at, archivedBy: by, important: data.important } };
    case 'deadline_warned':
    case 'deadline_missed':
      return data.type === 'deadline_missed' && data.kind === 'notice_response' && state.notice?.closedAt === undefined
        ? // Silence is a waiver (SAMR): the notice closes when the party's time runs out.
          { ...next, notice: { ...(state.notice ?? { openedAt: at, hearingRequestDueAt: at }), closedAt: at, closure: 'silence' } }
        : next;
    case 'policy_applied':
      return { ...next, policyVersion: data.policyVersion };
    case 'transfer_started':
      return { ...next, transfers: [...state.transfers, { kind: data.kind, startedAt: at, startedBy: by }] };
    case 'transfer_closed':
      return {
        ...next,
        transfers: state.transfers.map((transfer) =>
          transfer.kind === data.kind
            ? { ...transfer, closedAt: data.closedAt, outcome: data.outcome, missedDeadlines: data.missedDeadlines }
            : transfer,
        ),
      };
  }
}

/** APL 64: the last moment of the party's window to ask for a hearing, from the notice. */
function hearingWindow(noticeAt: IsoTimestamp, context: ClockContext): IsoTimestamp {
  return computeDeadline(noticeAt, context.policy.notice.hearingRequestWindow, context.calendar).dueAt;
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
    throw refuse(DomainErrorCode.InvalidInput, 'a case history starts with its registration', 'events');
  }
  return rest.reduce(evolve, initialState({ ...first, data: first.data }));
}

function systemEvent(state: CaseState, data: CaseEventData, clocks: readonly Deadline[], now: IsoTimestamp): CaseEvent {
  return toEvent(state, { data, stageAfter: state.stage, clocks }, { userId: SYSTEM_ACTOR_ID, role: 'system' }, now);
}

/**
 * What the workflow records when a clock needs it: a warning before a deadline, or the fact that
 * it has passed (escalated to the head and listed for supervision). Undefined while nothing is due.
 */
export function clockAlarmEvent(state: CaseState, now: IsoTimestamp): CaseEvent | undefined {
  const alarm = nextClockAlarm(state);
  if (alarm === undefined || alarm.at > now || isFinalStage(state.stage)) {
    return undefined;
  }
  const clock = clockOf(state, alarm.kind) as Deadline;
  if (alarm.alarm === 'warn') {
    return systemEvent(state, { type: 'deadline_warned', kind: clock.kind, dueAt: clock.dueAt }, [{ ...clock, warnedAt: now }], now);
  }
  if (now === clock.dueAt) {
    return undefined;
  }
  return systemEvent(
    state,
    { type: 'deadline_missed', kind: clock.kind, dueAt: clock.dueAt, escalatedTo: 'head', supervisionListed: true },
    [settleClock(clock, 'missed', now)],
    now,
  );
}

/**
 * A new policy version or calendar reached the case: its open clocks, running or paused, are
 * recomputed under it. Nothing is recorded when neither the version nor any clock changes.
 */
export function policyAppliedEvent(state: CaseState, context: ClockContext, now: IsoTimestamp): CaseEvent | undefined {
  if (isFinalStage(state.stage)) {
    return undefined;
  }
  const clocks = openClocks(state)
    .map((deadline) => ({ before: deadline, after: reschedule(deadline, context) }))
    .filter(({ before, after }) => JSON.stringify(before) !== JSON.stringify(after))
    .map(({ after }) => after);
  if (context.policy.version === state.policyVersion && clocks.length === 0) {
    return undefined;
  }
  return systemEvent(state, { type: 'policy_applied', policyVersion: context.policy.version }, clocks, now);
}

/** A transfer the case started has ended: its closing report's outcome becomes part of the case. */
export function transferClosedEvent(
  state: CaseState,
  report: { readonly kind: CaseTransferRecord['kind']; readonly outcome?: string; readonly closedAt?: IsoTimestamp; readonly missedDeadlines: readonly string[] },
  now: IsoTimestamp,
): CaseEvent | undefined {
  const transfer = state.transfers.find((candidate) => candidate.kind === report.kind);
  if (transfer === undefined || transfer.closedAt !== undefined || isFinalStage(state.stage)) {
    return undefined;
  }
  return systemEvent(
    state,
    { type: 'transfer_closed', kind: report.kind, outcome: report.outcome ?? 'closed', closedAt: report.closedAt ?? now, missedDeadlines: report.missedDeadlines },
    [],
    now,
  );
}

/**
 * Who may read a case: its own agency's people, and the supervision staff (auditors) of a body that
 * supervises that agency. `readableAgencyIds` are the agencies the actor's agency reaches down the
 * supervision tree, computed by the caller from the registry. To anyone else the case does not
 * exist, so its existence is not disclosed either.
 */
export function canReadCase(state: CaseState, actor: Actor, readableAgencyIds: Iterable<string>): boolean {
  if (actor.agencyId === state.agencyId) {
    return true;
  }
  return actor.role === Role.Auditor && [...readableAgencyIds].includes(state.agencyId);
}

/** The commands an actor may issue now: every rule checked with a dry run of `decide`. */
export function availableCommands(state: CaseState, actor: Actor, context: ClockContext, now: IsoTimestamp): CaseCommandType[] {
  return CASE_COMMAND_TYPES.filter((type) => {
    const rule = COMMAND_RULES[type];
    if (!rule.roles.includes(actor.role) || !rule.stages.includes(state.stage) || isFinalStage(state.stage) || actor.agencyId !== state.agencyId) {
      return false;
    }
    try {
      decide(state, { type } as CaseCommand, { ...context, actor, now });
      return true;
    } catch (error) {
      // Refused for its input alone (a missing reason): the step itself is open to this actor.
      return error instanceof DomainError && error.code === DomainErrorCode.InvalidInput;
    }
  });
}
