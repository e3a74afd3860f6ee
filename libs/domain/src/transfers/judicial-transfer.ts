import type { WorkingCalendar } from '../calendar';
import type { HandlerAssignment, IsoTimestamp } from '../case-state';
import { DomainError, DomainErrorCode } from '../domain-error';
import {
  TEXT_LIMITS,
  optionalText,
  requireArray,
  requireObject,
  requireOneOf,
  requireText,
  requireTimestamp,
} from '../input-rules';
import type { AgencyPolicy } from '../policy';
import { Role, SYSTEM_ACTOR_ID, type Actor } from '../role';
import {
  clockPassed,
  dueClockEventData,
  settleClock,
  startClock,
  type ClockSpec,
  type TransferClock,
  type TransferClockEventData,
} from './transfer-clock';
import {
  applyDueClockEvents,
  actorRef,
  assertStarter,
  assertTransferPermitted,
  parseMaterials,
  parseStartBase,
  reportBase,
  type TransferCommandContext,
  type TransferCommandRule,
  type TransferEvent,
  type TransferReportBase,
  type TransferStartBase,
  type TransferStateBase,
} from './transfer-common';

/**
 * Judicial transfer (移送司法机关, APL 27; Transfer Provisions Art. 5; domain.md §3): a team of at
 * least two officers reports a suspected crime → the principal head decides within 3 days →
 * the case goes to the police within 24 hours of approval → the police decide within 3 days
 * whether to open a case → after a refusal the agency may ask for review within 3 days → closed.
 * Each period comes from the agency policy; a missed one is recorded as a fact. The administrative
 * case goes on beside it: a transfer does not end the case by itself.
 */

/** The team's report of a suspected crime (涉嫌犯罪案件移送书 and its 调查报告). */
export interface SuspectedCrimeReport {
  /** The offence suspected, as the Criminal Law names it, e.g. 生产、销售伪劣产品罪. */
  readonly suspectedOffence: string;
  readonly facts: string;
  /** The officers who report it: at least two, each with an unexpired enforcement certificate. */
  readonly team: readonly HandlerAssignment[];
}

export type JudicialTransferStatus = 'reported' | 'approved' | 'transferred' | 'police_refused' | 'closed';
export type JudicialTransferOutcome = 'refused_by_head' | 'accepted_by_police' | 'refused_by_police' | 'review_requested';
export type JudicialTransferClockKind = 'head_decision' | 'transfer' | 'police_answer' | 'review_request';
export type PoliceAnswer = 'accepted' | 'refused';
export const POLICE_ANSWERS: readonly PoliceAnswer[] = ['accepted', 'refused'];

export type JudicialTransferCommand =
  | { readonly type: 'approve_transfer'; readonly opinion?: string }
  | { readonly type: 'refuse_transfer'; readonly reason: string }
  | { readonly type: 'record_transfer'; readonly materials: readonly string[]; readonly policeOrgan: string }
  | {
      readonly type: 'record_police_answer';
      readonly answer: PoliceAnswer;
      /** The number of the police's notice (立案通知书 / 不予立案通知书). */
      readonly documentNumber: string;
      readonly reason?: string;
    }
  | { readonly type: 'request_review'; readonly reason: string; readonly documentNumber?: string }
  | { readonly type: 'decline_review'; readonly reason: string };

export type JudicialTransferCommandType = JudicialTransferCommand['type'];
export type JudicialTransferCommandPayload<T extends JudicialTransferCommandType> = Omit<
  Extract<JudicialTransferCommand, { type: T }>,
  'type'
>;

export type JudicialTransferEventData =
  | {
      readonly type: 'crime_reported';
      readonly agencyId: string;
      readonly policyVersion: string;
      readonly policy: AgencyPolicy['judicialTransfer'];
      readonly report: SuspectedCrimeReport;
      readonly started: readonly TransferClock<JudicialTransferClockKind>[];
    }
  | {
      readonly type: 'judicial_transfer_approved';
      readonly opinion?: string;
      readonly started: readonly TransferClock<JudicialTransferClockKind>[];
    }
  | { readonly type: 'judicial_transfer_refused'; readonly reason: string }
  | {
      readonly type: 'case_transferred_to_police';
      readonly materials: readonly string[];
      readonly policeOrgan: string;
      readonly started: readonly TransferClock<JudicialTransferClockKind>[];
    }
  | {
      readonly type: 'police_answer_recorded';
      readonly answer: PoliceAnswer;
      readonly documentNumber: string;
      readonly reason?: string;
      readonly started: readonly TransferClock<JudicialTransferClockKind>[];
    }
  | { readonly type: 'review_requested'; readonly reason: string; readonly documentNumber?: string }
  | { readonly type: 'review_declined'; readonly reason: string }
  | TransferClockEventData<JudicialTransferClockKind>;

export type JudicialTransferEventType = JudicialTransferEventData['type'];

export type JudicialTransferEvent = TransferEvent<'judicial_transfer', JudicialTransferStatus, JudicialTransferEventData>;

export interface JudicialTransferState
  extends TransferStateBase<'judicial_transfer', JudicialTransferStatus, JudicialTransferClockKind> {
  readonly policy: AgencyPolicy['judicialTransfer'];
  readonly report: SuspectedCrimeReport;
  readonly headDecision?: {
    readonly approved: boolean;
    readonly decidedBy: string;
    readonly decidedAt: IsoTimestamp;
    readonly opinion?: string;
    readonly reason?: string;
  };
  readonly transfer?: {
    readonly materials: readonly string[];
    readonly policeOrgan: string;
    readonly transferredBy: string;
    readonly transferredAt: IsoTimestamp;
  };
  readonly policeAnswer?: {
    readonly answer: PoliceAnswer;
    readonly documentNumber: string;
    readonly reason?: string;
    readonly recordedBy: string;
    readonly recordedAt: IsoTimestamp;
  };
  readonly review?: {
    readonly requested: boolean;
    readonly reason: string;
    readonly documentNumber?: string;
    readonly decidedBy: string;
    readonly decidedAt: IsoTimestamp;
  };
  readonly outcome?: JudicialTransferOutcome;
}

/** Who may take each step, and when. Handler steps are for members of the reporting team. */
export const JUDICIAL_TRANSFER_COMMAND_RULES: {
  readonly [T in JudicialTransferCommandType]: TransferCommandRule<JudicialTransferStatus>;
} = {
  approve_transfer: { roles: [Role.Head], statuses: ['reported'], side: 'agency' },
  refuse_transfer: { roles: [Role.Head], statuses: ['reported'], side: 'agency' },
  record_transfer: { roles: [Role.Handler], statuses: ['approved'], side: 'agency' },
  record_police_answer: { roles: [Role.Handler], statuses: ['transferred'], side: 'agency' },
  request_review: { roles: [Role.Handler], statuses: ['police_refused'], side: 'agency' },
  decline_review: { roles: [Role.Handler], statuses: ['police_refused'], side: 'agency' },
};

export const JUDICIAL_TRANSFER_COMMAND_TYPES = Object.keys(JUDICIAL_TRANSFER_COMMAND_RULES) as JudicialTransferCommandType[];

const MAX_TEAM = 20;

function clockSpec(
  policy: AgencyPolicy['judicialTransfer'],
  kind: JudicialTransferClockKind,
): ClockSpec<JudicialTransferClockKind> {
  switch (kind) {
    case 'head_decision':
      return { kind, nature: 'deadline', basis: 'judicialTransfer.headDecisionPeriod', rule: policy.headDecisionPeriod };
    case 'transfer':
      return { kind, nature: 'deadline', basis: 'judicialTransfer.transferPeriod', rule: policy.transferPeriod };
    case 'police_answer':
      return { kind, nature: 'deadline', basis: 'judicialTransfer.policeAnswerPeriod', rule: policy.policeAnswerPeriod };
    case 'review_request':
      return { kind, nature: 'window', basis: 'judicialTransfer.reviewRequestPeriod', rule: policy.reviewRequestPeriod };
  }
}

// ── the start ───────────────────────────────────────────────────────────────────────────────

function parseTeam(value: unknown, now: IsoTimestamp): readonly HandlerAssignment[] {
  const team = requireArray(value, 'team', MAX_TEAM).map((item, index) => {
    const member = requireObject(item, `team[${index}]`);
    return {
      userId: requireText(member['userId'], `team[${index}].userId`, 64),
      certificateNumber: requireText(member['certificateNumber'], `team[${index}].certificateNumber`, 64),
      certificateExpiresAt: requireTimestamp(member['certificateExpiresAt'], `team[${index}].certificateExpiresAt`),
    };
  });
  const expired = team.find((member) => member.certificateExpiresAt <= now);
  if (expired !== undefined) {
    throw new DomainError(
      DomainErrorCode.TwoCertifiedHandlersRequired,
      `the enforcement certificate of ${expired.userId} has expired`,
      'team',
    );
  }
  const distinct = new Set(team.map((member) => member.userId));
  if (distinct.size !== team.length) {
    throw new DomainError(DomainErrorCode.InvalidInput, 'team: an officer is listed twice', 'team');
  }
  if (distinct.size < 2) {
    throw new DomainError(
      DomainErrorCode.TwoCertifiedHandlersRequired,
      'Transfer Provisions Art. 5: a suspected crime is reported by a team of at least two certified officers',
      'team',
    );
  }
  return team;
}

export function parseSuspectedCrimeReport(value: unknown, now: IsoTimestamp): SuspectedCrimeReport {
  const input = requireObject(value, 'report');
  return {
    suspectedOffence: requireText(input['suspectedOffence'], 'suspectedOffence', TEXT_LIMITS.short),
    facts: requireText(input['facts'], 'facts'),
    team: parseTeam(input['team'], now),
  };
}

export interface JudicialTransferStart extends TransferStartBase {
  readonly report: SuspectedCrimeReport;
}

function isTeamMember(report: SuspectedCrimeReport, userId: string): boolean {
  return report.team.some((member) => member.userId === userId);
}

/** A handler of the reporting team reports the suspected crime: the first event, starting the head's clock. */
export function startJudicialTransfer(
  startInput: unknown,
  actor: Actor,
  now: IsoTimestamp,
  calendar: WorkingCalendar,
): { readonly state: JudicialTransferState; readonly event: JudicialTransferEvent } {
  const base = parseStartBase(startInput);
  const report = parseSuspectedCrimeReport((startInput as Record<string, unknown>)['report'], now);
  assertStarter(actor, base.agencyId, Role.Handler, 'a suspected-crime report');
  if (!isTeamMember(report, actor.userId)) {
    throw new DomainError(DomainErrorCode.NotCaseParticipant, 'the report is made by a member of the reporting team');
  }
  const policy = base.policy.judicialTransfer;
  const event: JudicialTransferEvent = {
    transferId: base.transferId,
    kind: 'judicial_transfer',
    parentCaseId: base.parentCaseId,
    sequence: 1,
    occurredAt: now,
    actor: actorRef(actor),
    statusBefore: null,
    statusAfter: 'reported',
    data: {
      type: 'crime_reported',
      agencyId: base.agencyId,
      policyVersion: base.policy.version,
      policy,
      report,
      started: [startClock(clockSpec(policy, 'head_decision'), now, calendar)],
    },
  };
  return { state: initialState(event), event };
}

/** The state a transfer's first event opens; everything it needs is in that event, so a replay needs nothing else. */
function initialState(event: JudicialTransferEvent): JudicialTransferState {
  const data = event.data;
  if (event.sequence !== 1 || data.type !== 'crime_reported') {
    throw new DomainError(DomainErrorCode.InvalidInput, 'a judicial transfer’s history starts with the team’s report', 'events');
  }
  return {
    transferId: event.transferId,
    kind: 'judicial_transfer',
    parentCaseId: event.parentCaseId,
    agencyId: data.agencyId,
    status: 'reported',
    version: 1,
    startedAt: event.occurredAt,
    startedBy: { userId: event.actor.userId, role: Role.Handler },
    policyVersion: data.policyVersion,
    policy: data.policy,
    report: data.report,
    clocks: data.started,
  };
}

// ── steps ───────────────────────────────────────────────────────────────────────────────────

function decideData(
  state: JudicialTransferState,
  command: JudicialTransferCommand,
  context: TransferCommandContext,
): JudicialTransferEventData {
  const input = command as unknown as Record<string, unknown>;
  const { actor, now, calendar } = context;
  if (JUDICIAL_TRANSFER_COMMAND_RULES[command.type].roles.includes(Role.Handler) && !isTeamMember(state.report, actor.userId)) {
    throw new DomainError(DomainErrorCode.NotCaseParticipant, `only a member of the reporting team records ${command.type}`);
  }
  switch (command.type) {
    case 'approve_transfer': {
      const opinion = optionalText(input['opinion'], 'opinion');
      return {
        type: 'judicial_transfer_approved',
        ...(opinion === undefined ? {} : { opinion }),
        started: [startClock(clockSpec(state.policy, 'transfer'), now, calendar)],
      };
    }
    case 'refuse_transfer':
      return { type: 'judicial_transfer_refused', reason: requireText(input['reason'], 'reason') };
    case 'record_transfer':
      return {
        type: 'case_transferred_to_police',
        materials: parseMaterials(input['materials']),
        policeOrgan: requireText(input['policeOrgan'], 'policeOrgan', TEXT_LIMITS.short),
        started: [startClock(clockSpec(state.policy, 'police_answer'), now, calendar)],
      };
    case 'record_police_answer': {
      const answer = requireOneOf(input['answer'], POLICE_ANSWERS, 'answer');
      const documentNumber = requireText(input['documentNumber'], 'documentNumber', 64);
      const reason = optionalText(input['reason'], 'reason');
      return {
        type: 'police_answer_recorded',
        answer,
        documentNumber,
        ...(reason === undefined ? {} : { reason }),
        started: answer === 'refused' ? [startClock(clockSpec(state.policy, 'review_request'), now, calendar)] : [],
      };
    }
    case 'request_review': {
      const documentNumber = optionalText(input['documentNumber'], 'documentNumber', 64);
      return {
        type: 'review_requested',
        reason: requireText(input['reason'], 'reason'),
        ...(documentNumber === undefined ? {} : { documentNumber }),
      };
    }
    case 'decline_review':
      return { type: 'review_declined', reason: requireText(input['reason'], 'reason') };
  }
}

function statusAfter(state: JudicialTransferState, data: JudicialTransferEventData): JudicialTransferStatus {
  switch (data.type) {
    case 'crime_reported':
      return 'reported';
    case 'judicial_transfer_approved':
      return 'approved';
    case 'case_transferred_to_police':
      return 'transferred';
    case 'police_answer_recorded':
      return data.answer === 'accepted' ? 'closed' : 'police_refused';
    case 'judicial_transfer_refused':
    case 'review_requested':
    case 'review_declined':
      return 'closed';
    case 'window_lapsed':
      // The only window is the one for asking the police to review their refusal: unused, it ends the transfer.
      return 'closed';
    case 'deadline_missed':
    case 'reminder_due':
      return state.status;
  }
}

function toEvent(
  state: JudicialTransferState,
  data: JudicialTransferEventData,
  actor: JudicialTransferEvent['actor'],
  now: IsoTimestamp,
): JudicialTransferEvent {
  return {
    transferId: state.transferId,
    kind: 'judicial_transfer',
    parentCaseId: state.parentCaseId,
    sequence: state.version + 1,
    occurredAt: now,
    actor,
    statusBefore: state.status,
    statusAfter: statusAfter(state, data),
    data,
  };
}

/** Decides a step: the event it produces, or a DomainError naming the rule that refuses it. */
export function decideJudicialTransfer(
  state: JudicialTransferState,
  command: JudicialTransferCommand,
  context: TransferCommandContext,
): JudicialTransferEvent {
  if (typeof command !== 'object' || command === null || !(command.type in JUDICIAL_TRANSFER_COMMAND_RULES)) {
    throw new DomainError(DomainErrorCode.InvalidInput, 'type: unknown command', 'type');
  }
  assertTransferPermitted(state, command.type, JUDICIAL_TRANSFER_COMMAND_RULES[command.type], state.agencyId, context, 'closed');
  return toEvent(state, decideData(state, command, context), actorRef(context.actor), context.now);
}

/** Applies an event to the state it was decided on. */
export function evolveJudicialTransfer(state: JudicialTransferState, event: JudicialTransferEvent): JudicialTransferState {
  const at = event.occurredAt;
  const by = event.actor.userId;
  const next: JudicialTransferState = { ...state, status: event.statusAfter, version: event.sequence };
  const closed = event.statusAfter === 'closed' ? { closedAt: at } : {};
  const data = event.data;
  switch (data.type) {
    case 'crime_reported':
      // Only ever the first event, which initialState applies.
      return next;
    case 'judicial_transfer_approved':
      return {
        ...next,
        headDecision: { approved: true, decidedBy: by, decidedAt: at, ...(data.opinion === undefined ? {} : { opinion: data.opinion }) },
        clocks: [...settleClock(state.clocks, 'head_decision', at), ...data.started],
      };
    case 'judicial_transfer_refused':
      return {
        ...next,
        ...closed,
        headDecision: { approved: false, decidedBy: by, decidedAt: at, reason: data.reason },
        clocks: settleClock(state.clocks, 'head_decision', at),
        outcome: 'refused_by_head',
      };
    case 'case_transferred_to_police':
      return {
        ...next,
        transfer: { materials: data.materials, policeOrgan: data.policeOrgan, transferredBy: by, transferredAt: at },
        clocks: [...settleClock(state.clocks, 'transfer', at), ...data.started],
      };
    case 'police_answer_recorded':
      return {
        ...next,
        ...closed,
        policeAnswer: {
          answer: data.answer,
          documentNumber: data.documentNumber,
          ...(data.reason === undefined ? {} : { reason: data.reason }),
          recordedBy: by,
          recordedAt: at,
        },
        clocks: [...settleClock(state.clocks, 'police_answer', at), ...data.started],
        ...(data.answer === 'accepted' ? { outcome: 'accepted_by_police' as const } : {}),
      };
    case 'review_requested':
      return {
        ...next,
        ...closed,
        review: {
          requested: true,
          reason: data.reason,
          ...(data.documentNumber === undefined ? {} : { documentNumber: data.documentNumber }),
          decidedBy: by,
          decidedAt: at,
        },
        clocks: settleClock(state.clocks, 'review_request', at),
        outcome: 'review_requested',
      };
    case 'review_declined':
      return {
        ...next,
        ...closed,
        review: { requested: false, reason: data.reason, decidedBy: by, decidedAt: at },
        clocks: settleClock(state.clocks, 'review_request', at),
        outcome: 'refused_by_police',
      };
    case 'window_lapsed':
      return { ...next, ...closed, clocks: clockPassed(state.clocks, data, at), outcome: 'refused_by_police' };
    case 'deadline_missed':
    case 'reminder_due':
      return { ...next, clocks: clockPassed(state.clocks, data, at) };
  }
}

/** Decides and applies a step in one go. */
export function applyJudicialTransferCommand(
  state: JudicialTransferState,
  command: JudicialTransferCommand,
  context: TransferCommandContext,
): { readonly state: JudicialTransferState; readonly event: JudicialTransferEvent } {
  const event = decideJudicialTransfer(state, command, context);
  return { state: evolveJudicialTransfer(state, event), event };
}

/** The passing of the first clock due by `now`, if one is, recorded by the system actor. */
export function dueJudicialTransferClockEvent(
  state: JudicialTransferState,
  now: IsoTimestamp,
  calendar: WorkingCalendar,
): JudicialTransferEvent | undefined {
  if (state.status === 'closed') {
    return undefined;
  }
  const data = dueClockEventData(state.clocks, now, calendar);
  return data === undefined ? undefined : toEvent(state, data, { userId: SYSTEM_ACTOR_ID, role: 'system' }, now);
}

/**
 * Records every clock that has passed by `now`, in order: run before a step so that a step taken
 * after a clock passed is judged, and recorded, after its passing (a review asked for after the
 * window lapsed is refused).
 */
export function catchUpJudicialTransferClocks(
  state: JudicialTransferState,
  now: IsoTimestamp,
  calendar: WorkingCalendar,
): { readonly state: JudicialTransferState; readonly events: readonly JudicialTransferEvent[] } {
  return applyDueClockEvents(state, (current) => dueJudicialTransferClockEvent(current, now, calendar), evolveJudicialTransfer);
}

/** Rebuilds a transfer from its recorded events: how an auditor sees it as it stood at any point. */
export function replayJudicialTransfer(events: readonly JudicialTransferEvent[]): JudicialTransferState {
  const [first, ...rest] = events;
  if (first === undefined) {
    throw new DomainError(DomainErrorCode.InvalidInput, 'a judicial transfer’s history starts with the team’s report', 'events');
  }
  return rest.reduce(evolveJudicialTransfer, initialState(first));
}

/** The steps an actor may take now, judged by role, agency, team membership and status alone. */
export function availableJudicialTransferCommands(state: JudicialTransferState, actor: Actor): JudicialTransferCommandType[] {
  if (state.status === 'closed' || actor.agencyId !== state.agencyId) {
    return [];
  }
  return JUDICIAL_TRANSFER_COMMAND_TYPES.filter((type) => {
    const rule = JUDICIAL_TRANSFER_COMMAND_RULES[type];
    const teamRule = !rule.roles.includes(Role.Handler) || isTeamMember(state.report, actor.userId);
    return rule.roles.includes(actor.role) && rule.statuses.includes(state.status) && teamRule;
  });
}

export interface JudicialTransferReport
  extends TransferReportBase<'judicial_transfer', JudicialTransferOutcome, JudicialTransferClockKind> {
  readonly suspectedOffence: string;
  readonly policeOrgan?: string;
  /** The police's notice number, when they answered. */
  readonly policeDocumentNumber?: string;
}

/** The closing report of the transfer: its outcome and every period kept or missed. */
export function judicialTransferReport(state: JudicialTransferState): JudicialTransferReport {
  return {
    ...reportBase(state),
    suspectedOffence: state.report.suspectedOffence,
    ...(state.transfer === undefined ? {} : { policeOrgan: state.transfer.policeOrgan }),
    ...(state.policeAnswer === undefined ? {} : { policeDocumentNumber: state.policeAnswer.documentNumber }),
  };
}
