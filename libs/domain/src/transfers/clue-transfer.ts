import type { WorkingCalendar } from '../calendar';
import type { IsoTimestamp } from '../case-state';
import { DomainError, DomainErrorCode } from '../domain-error';
import { TEXT_LIMITS, optionalText, requireObject, requireOneOf, requireText } from '../input-rules';
import type { AgencyPolicy } from '../policy';
import { Role, SYSTEM_ACTOR_ID, type Actor } from '../role';
import {
  cancelClocks,
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
  parsePastTimestamp,
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
 * Clue transfer to discipline inspection (线索移送纪检监察, Supervision Law Art. 34; domain.md §3):
 * a handler proposes it → the head approves or refuses → a handler records the transfer with its
 * materials to the receiving commission → the commission's inspector acknowledges receipt →
 * the inspector returns feedback on how the clue was handled → closed. A pure event-sourced model
 * in the shape of the case lifecycle: `decideClueTransfer` and `evolveClueTransfer`.
 */

/** The misconduct the clue points to (专项整治: 吃拿卡要, 选择性执法, 粗暴执法, 包庇纵容, 其他). */
export type MisconductKind = 'rent_seeking' | 'selective_enforcement' | 'abusive_enforcement' | 'concealment' | 'other';
export const MISCONDUCT_KINDS: readonly MisconductKind[] = [
  'rent_seeking',
  'selective_enforcement',
  'abusive_enforcement',
  'concealment',
  'other',
];

export interface SuspectedMisconduct {
  readonly kind: MisconductKind;
  readonly description: string;
}

/** The public official the clue concerns. Personal data: never logged, never published. */
export interface OfficialConcerned {
  readonly name: string;
  readonly position?: string;
  readonly organization?: string;
}

export interface ClueTransferProposal {
  readonly misconduct: SuspectedMisconduct;
  readonly official: OfficialConcerned;
  /** When the clue was discovered: the transfer period runs from here. */
  readonly discoveredAt: IsoTimestamp;
}

/** The discipline-inspection body the clue goes to; its inspectors act under `id` as their agency. */
export interface ReceivingBody {
  readonly id: string;
  readonly name: string;
}

export type ClueTransferStatus = 'proposed' | 'approved' | 'transferred' | 'acknowledged' | 'closed';
export type ClueTransferOutcome = 'refused_by_head' | 'feedback_received';
export type ClueTransferClockKind = 'transfer' | 'acknowledgement' | 'feedback';

export type ClueTransferCommand =
  | { readonly type: 'approve_transfer'; readonly opinion?: string }
  | { readonly type: 'refuse_transfer'; readonly reason: string }
  | { readonly type: 'record_transfer'; readonly materials: readonly string[]; readonly receivingBody: ReceivingBody }
  | { readonly type: 'acknowledge_receipt'; readonly note?: string }
  | { readonly type: 'return_feedback'; readonly outcome: string; readonly details?: string };

export type ClueTransferCommandType = ClueTransferCommand['type'];
export type ClueTransferCommandPayload<T extends ClueTransferCommandType> = Omit<Extract<ClueTransferCommand, { type: T }>, 'type'>;

export type ClueTransferEventData =
  | {
      readonly type: 'clue_transfer_proposed';
      readonly agencyId: string;
      readonly policyVersion: string;
      readonly policy: AgencyPolicy['clueTransfer'];
      readonly proposal: ClueTransferProposal;
      readonly started: readonly TransferClock<ClueTransferClockKind>[];
    }
  | { readonly type: 'clue_transfer_approved'; readonly opinion?: string }
  | { readonly type: 'clue_transfer_refused'; readonly reason: string }
  | {
      readonly type: 'clue_transferred';
      readonly materials: readonly string[];
      readonly receivingBody: ReceivingBody;
      readonly started: readonly TransferClock<ClueTransferClockKind>[];
    }
  | {
      readonly type: 'receipt_acknowledged';
      readonly note?: string;
      readonly started: readonly TransferClock<ClueTransferClockKind>[];
    }
  | { readonly type: 'feedback_returned'; readonly outcome: string; readonly details?: string }
  | TransferClockEventData<ClueTransferClockKind>;

export type ClueTransferEventType = ClueTransferEventData['type'];

export type ClueTransferEvent = TransferEvent<'clue_transfer', ClueTransferStatus, ClueTransferEventData>;

export interface ClueTransferState extends TransferStateBase<'clue_transfer', ClueTransferStatus, ClueTransferClockKind> {
  /** The periods in force when the transfer started. */
  readonly policy: AgencyPolicy['clueTransfer'];
  readonly proposal: ClueTransferProposal;
  readonly headDecision?: {
    readonly approved: boolean;
    readonly decidedBy: string;
    readonly decidedAt: IsoTimestamp;
    readonly opinion?: string;
    readonly reason?: string;
  };
  readonly transfer?: {
    readonly materials: readonly string[];
    readonly receivingBody: ReceivingBody;
    readonly transferredBy: string;
    readonly transferredAt: IsoTimestamp;
  };
  readonly acknowledgement?: { readonly acknowledgedBy: string; readonly acknowledgedAt: IsoTimestamp; readonly note?: string };
  readonly feedback?: {
    readonly outcome: string;
    readonly details?: string;
    readonly returnedBy: string;
    readonly returnedAt: IsoTimestamp;
  };
  readonly outcome?: ClueTransferOutcome;
}

/** Who may take each step, and when (domain.md §1, §3). */
export const CLUE_TRANSFER_COMMAND_RULES: { readonly [T in ClueTransferCommandType]: TransferCommandRule<ClueTransferStatus> } = {
  approve_transfer: { roles: [Role.Head], statuses: ['proposed'], side: 'agency' },
  refuse_transfer: { roles: [Role.Head], statuses: ['proposed'], side: 'agency' },
  record_transfer: { roles: [Role.Handler], statuses: ['approved'], side: 'agency' },
  acknowledge_receipt: { roles: [Role.Inspector], statuses: ['transferred'], side: 'receiver' },
  return_feedback: { roles: [Role.Inspector], statuses: ['acknowledged'], side: 'receiver' },
};

export const CLUE_TRANSFER_COMMAND_TYPES = Object.keys(CLUE_TRANSFER_COMMAND_RULES) as ClueTransferCommandType[];

function clockSpec(policy: AgencyPolicy['clueTransfer'], kind: ClueTransferClockKind): ClockSpec<ClueTransferClockKind> {
  switch (kind) {
    case 'transfer':
      return { kind, nature: 'deadline', basis: 'clueTransfer.transferPeriod', rule: policy.transferPeriod };
    case 'acknowledgement':
      return { kind, nature: 'reminder', basis: 'clueTransfer.acknowledgementReminder', rule: policy.acknowledgementReminder };
    case 'feedback':
      return {
        kind,
        nature: 'reminder',
        basis: 'clueTransfer.feedbackChaseInterval',
        rule: policy.feedbackChaseInterval,
        recurring: true,
      };
  }
}

// ── the start ───────────────────────────────────────────────────────────────────────────────

export function parseClueTransferProposal(value: unknown, now: IsoTimestamp): ClueTransferProposal {
  const input = requireObject(value, 'proposal');
  const misconduct = requireObject(input['misconduct'], 'misconduct');
  const official = requireObject(input['official'], 'official');
  const position = optionalText(official['position'], 'official.position', TEXT_LIMITS.short);
  const organization = optionalText(official['organization'], 'official.organization', TEXT_LIMITS.short);
  return {
    misconduct: {
      kind: requireOneOf(misconduct['kind'], MISCONDUCT_KINDS, 'misconduct.kind'),
      description: requireText(misconduct['description'], 'misconduct.description'),
    },
    official: {
      name: requireText(official['name'], 'official.name', TEXT_LIMITS.short),
      ...(position === undefined ? {} : { position }),
      ...(organization === undefined ? {} : { organization }),
    },
    discoveredAt: parsePastTimestamp(input['discoveredAt'], 'discoveredAt', now),
  };
}

export interface ClueTransferStart extends TransferStartBase {
  readonly proposal: ClueTransferProposal;
}

/**
 * A handler of the agency proposes the transfer: the first event. The transfer period runs from
 * the clue's discovery, so a proposal made after it has passed records the miss at once.
 */
export function startClueTransfer(
  startInput: unknown,
  actor: Actor,
  now: IsoTimestamp,
  calendar: WorkingCalendar,
): { readonly state: ClueTransferState; readonly event: ClueTransferEvent } {
  const base = parseStartBase(startInput);
  const proposal = parseClueTransferProposal((startInput as Record<string, unknown>)['proposal'], now);
  assertStarter(actor, base.agencyId, Role.Handler, 'a clue transfer proposal');
  const policy = base.policy.clueTransfer;
  const event: ClueTransferEvent = {
    transferId: base.transferId,
    kind: 'clue_transfer',
    parentCaseId: base.parentCaseId,
    sequence: 1,
    occurredAt: now,
    actor: actorRef(actor),
    statusBefore: null,
    statusAfter: 'proposed',
    data: {
      type: 'clue_transfer_proposed',
      agencyId: base.agencyId,
      policyVersion: base.policy.version,
      policy,
      proposal,
      started: [startClock(clockSpec(policy, 'transfer'), proposal.discoveredAt, calendar)],
    },
  };
  return { state: initialState(event), event };
}

/** The state a transfer's first event opens; everything it needs is in that event, so a replay needs nothing else. */
function initialState(event: ClueTransferEvent): ClueTransferState {
  const data = event.data;
  if (event.sequence !== 1 || data.type !== 'clue_transfer_proposed') {
    throw new DomainError(DomainErrorCode.InvalidInput, 'a clue transfer’s history starts with its proposal', 'events');
  }
  return {
    transferId: event.transferId,
    kind: 'clue_transfer',
    parentCaseId: event.parentCaseId,
    agencyId: data.agencyId,
    status: 'proposed',
    version: 1,
    startedAt: event.occurredAt,
    startedBy: { userId: event.actor.userId, role: Role.Handler },
    policyVersion: data.policyVersion,
    policy: data.policy,
    proposal: data.proposal,
    clocks: data.started,
  };
}

// ── steps ───────────────────────────────────────────────────────────────────────────────────

function parseReceivingBody(value: unknown): ReceivingBody {
  const body = requireObject(value, 'receivingBody');
  return {
    id: requireText(body['id'], 'receivingBody.id', 64),
    name: requireText(body['name'], 'receivingBody.name', TEXT_LIMITS.short),
  };
}

function sideAgency(state: ClueTransferState, type: ClueTransferCommandType): string | undefined {
  return CLUE_TRANSFER_COMMAND_RULES[type].side === 'agency' ? state.agencyId : state.transfer?.receivingBody.id;
}

function decideData(state: ClueTransferState, command: ClueTransferCommand, context: TransferCommandContext): ClueTransferEventData {
  const input = command as unknown as Record<string, unknown>;
  const { now, calendar } = context;
  switch (command.type) {
    case 'approve_transfer': {
      const opinion = optionalText(input['opinion'], 'opinion');
      return { type: 'clue_transfer_approved', ...(opinion === undefined ? {} : { opinion }) };
    }
    case 'refuse_transfer':
      return { type: 'clue_transfer_refused', reason: requireText(input['reason'], 'reason') };
    case 'record_transfer': {
      const materials = parseMaterials(input['materials']);
      const receivingBody = parseReceivingBody(input['receivingBody']);
      if (receivingBody.id === state.agencyId) {
        throw new DomainError(
          DomainErrorCode.InvalidInput,
          'receivingBody.id: the clue goes to the discipline-inspection body, not back to the agency',
          'receivingBody.id',
        );
      }
      return {
        type: 'clue_transferred',
        materials,
        receivingBody,
        started: [startClock(clockSpec(state.policy, 'acknowledgement'), now, calendar)],
      };
    }
    case 'acknowledge_receipt': {
      const note = optionalText(input['note'], 'note');
      return {
        type: 'receipt_acknowledged',
        ...(note === undefined ? {} : { note }),
        started: [startClock(clockSpec(state.policy, 'feedback'), now, calendar)],
      };
    }
    case 'return_feedback': {
      const details = optionalText(input['details'], 'details');
      return {
        type: 'feedback_returned',
        outcome: requireText(input['outcome'], 'outcome', TEXT_LIMITS.short),
        ...(details === undefined ? {} : { details }),
      };
    }
  }
}

function statusAfter(state: ClueTransferState, data: ClueTransferEventData): ClueTransferStatus {
  switch (data.type) {
    case 'clue_transfer_proposed':
      return 'proposed';
    case 'clue_transfer_approved':
      return 'approved';
    case 'clue_transferred':
      return 'transferred';
    case 'receipt_acknowledged':
      return 'acknowledged';
    case 'clue_transfer_refused':
    case 'feedback_returned':
      return 'closed';
    case 'deadline_missed':
    case 'reminder_due':
    case 'window_lapsed':
      return state.status;
  }
}

function toEvent(
  state: ClueTransferState,
  data: ClueTransferEventData,
  actor: ClueTransferEvent['actor'],
  now: IsoTimestamp,
): ClueTransferEvent {
  return {
    transferId: state.transferId,
    kind: 'clue_transfer',
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
export function decideClueTransfer(
  state: ClueTransferState,
  command: ClueTransferCommand,
  context: TransferCommandContext,
): ClueTransferEvent {
  if (typeof command !== 'object' || command === null || !(command.type in CLUE_TRANSFER_COMMAND_RULES)) {
    throw new DomainError(DomainErrorCode.InvalidInput, 'type: unknown command', 'type');
  }
  const rule = CLUE_TRANSFER_COMMAND_RULES[command.type];
  assertTransferPermitted(state, command.type, rule, sideAgency(state, command.type), context, 'closed');
  return toEvent(state, decideData(state, command, context), actorRef(context.actor), context.now);
}

/** Applies an event to the state it was decided on. */
export function evolveClueTransfer(state: ClueTransferState, event: ClueTransferEvent): ClueTransferState {
  const at = event.occurredAt;
  const by = event.actor.userId;
  const next: ClueTransferState = { ...state, status: event.statusAfter, version: event.sequence };
  const data = event.data;
  switch (data.type) {
    case 'clue_transfer_proposed':
      // Only ever the first event, which initialState applies.
      return next;
    case 'clue_transfer_approved':
      return {
        ...next,
        headDecision: { approved: true, decidedBy: by, decidedAt: at, ...(data.opinion === undefined ? {} : { opinion: data.opinion }) },
      };
    case 'clue_transfer_refused':
      return {
        ...next,
        headDecision: { approved: false, decidedBy: by, decidedAt: at, reason: data.reason },
        clocks: cancelClocks(state.clocks, at),
        outcome: 'refused_by_head',
        closedAt: at,
      };
    case 'clue_transferred':
      return {
        ...next,
        transfer: { materials: data.materials, receivingBody: data.receivingBody, transferredBy: by, transferredAt: at },
        clocks: [...settleClock(state.clocks, 'transfer', at), ...data.started],
      };
    case 'receipt_acknowledged':
      return {
        ...next,
        acknowledgement: { acknowledgedBy: by, acknowledgedAt: at, ...(data.note === undefined ? {} : { note: data.note }) },
        clocks: [...settleClock(state.clocks, 'acknowledgement', at), ...data.started],
      };
    case 'feedback_returned':
      return {
        ...next,
        feedback: {
          outcome: data.outcome,
          ...(data.details === undefined ? {} : { details: data.details }),
          returnedBy: by,
          returnedAt: at,
        },
        clocks: settleClock(state.clocks, 'feedback', at),
        outcome: 'feedback_received',
        closedAt: at,
      };
    case 'deadline_missed':
    case 'reminder_due':
    case 'window_lapsed':
      return { ...next, clocks: clockPassed(state.clocks, data, at) };
  }
}

/** Decides and applies a step in one go. */
export function applyClueTransferCommand(
  state: ClueTransferState,
  command: ClueTransferCommand,
  context: TransferCommandContext,
): { readonly state: ClueTransferState; readonly event: ClueTransferEvent } {
  const event = decideClueTransfer(state, command, context);
  return { state: evolveClueTransfer(state, event), event };
}

/**
 * The passing of the first clock due by `now`, if one is: recorded by the system actor, so a
 * missed transfer period or an unanswered transfer is a fact of the record.
 */
export function dueClueTransferClockEvent(
  state: ClueTransferState,
  now: IsoTimestamp,
  calendar: WorkingCalendar,
): ClueTransferEvent | undefined {
  if (state.status === 'closed') {
    return undefined;
  }
  const data = dueClockEventData(state.clocks, now, calendar);
  return data === undefined ? undefined : toEvent(state, data, { userId: SYSTEM_ACTOR_ID, role: 'system' }, now);
}

/**
 * Records every clock that has passed by `now`, in order: run before a step so that a step taken
 * after a clock passed is judged, and recorded, after its passing.
 */
export function catchUpClueTransferClocks(
  state: ClueTransferState,
  now: IsoTimestamp,
  calendar: WorkingCalendar,
): { readonly state: ClueTransferState; readonly events: readonly ClueTransferEvent[] } {
  return applyDueClockEvents(state, (current) => dueClueTransferClockEvent(current, now, calendar), evolveClueTransfer);
}

/** Rebuilds a transfer from its recorded events: how an auditor sees it as it stood at any point. */
export function replayClueTransfer(events: readonly ClueTransferEvent[]): ClueTransferState {
  const [first, ...rest] = events;
  if (first === undefined) {
    throw new DomainError(DomainErrorCode.InvalidInput, 'a clue transfer’s history starts with its proposal', 'events');
  }
  return rest.reduce(evolveClueTransfer, initialState(first));
}

/** The steps an actor may take now, judged by role, side and status alone. */
export function availableClueTransferCommands(state: ClueTransferState, actor: Actor): ClueTransferCommandType[] {
  if (state.status === 'closed') {
    return [];
  }
  return CLUE_TRANSFER_COMMAND_TYPES.filter((type) => {
    const rule = CLUE_TRANSFER_COMMAND_RULES[type];
    return rule.roles.includes(actor.role) && rule.statuses.includes(state.status) && sideAgency(state, type) === actor.agencyId;
  });
}

export interface ClueTransferReport extends TransferReportBase<'clue_transfer', ClueTransferOutcome, ClueTransferClockKind> {
  readonly misconductKind: MisconductKind;
  readonly receivingBody?: ReceivingBody;
  readonly feedbackOutcome?: string;
}

/** The closing report (结案报告 for the transfer): its outcome and every clock kept or missed. */
export function clueTransferReport(state: ClueTransferState): ClueTransferReport {
  return {
    ...reportBase(state),
    misconductKind: state.proposal.misconduct.kind,
    ...(state.transfer === undefined ? {} : { receivingBody: state.transfer.receivingBody }),
    ...(state.feedback === undefined ? {} : { feedbackOutcome: state.feedback.outcome }),
  };
}
