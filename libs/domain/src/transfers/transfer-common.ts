import type { WorkingCalendar } from '../calendar';
import type { IsoTimestamp } from '../case-state';
import { DomainError, DomainErrorCode } from '../domain-error';
import { TEXT_LIMITS, requireArray, requireObject, requireText, requireTimestamp } from '../input-rules';
import { parseAgencyPolicy, type AgencyPolicy } from '../policy';
import type { Actor, Role } from '../role';
import { clockReport, type TransferClock, type TransferClockReport } from './transfer-clock';

/** The two child processes a case can start from any open stage (domain.md §3). */
export type TransferKind = 'clue_transfer' | 'judicial_transfer';
export const TRANSFER_KINDS: readonly TransferKind[] = ['clue_transfer', 'judicial_transfer'];

/** What every transfer's state has, whatever its kind. */
export interface TransferStateBase<K extends TransferKind, S extends string, C extends string> {
  /** The child workflow's id, which names the transfer in `case_transfers`. */
  readonly transferId: string;
  readonly kind: K;
  /** The case the transfer was started from; it carries on beside the transfer. */
  readonly parentCaseId: string;
  readonly agencyId: string;
  readonly status: S;
  /** The sequence number of the last event applied. */
  readonly version: number;
  readonly startedAt: IsoTimestamp;
  readonly startedBy: Pick<Actor, 'userId' | 'role'>;
  /** The agency policy version whose periods the clocks were counted with. */
  readonly policyVersion: string;
  readonly clocks: readonly TransferClock<C>[];
  readonly closedAt?: IsoTimestamp;
}

/** What happened to a transfer: the facts in the workflow history and in `transfer_events`. */
export interface TransferEvent<K extends TransferKind, S extends string, D> {
  readonly transferId: string;
  readonly kind: K;
  readonly parentCaseId: string;
  /** 1 for the start, then one more per event: the key that makes persisting an event idempotent. */
  readonly sequence: number;
  readonly occurredAt: IsoTimestamp;
  readonly actor: { readonly userId: string; readonly role: Role | 'system' };
  readonly statusBefore: S | null;
  readonly statusAfter: S;
  readonly data: D;
}

/** What a transfer step is decided against besides the state. */
export interface TransferCommandContext {
  readonly actor: Actor;
  readonly now: IsoTimestamp;
  /** The agency's working calendar, for periods counted in working days. */
  readonly calendar: WorkingCalendar;
  /** When given, the step is refused unless the transfer is still at this version. */
  readonly expectedVersion?: number;
}

/** Whose people may take a step: the transferring agency's, or the receiving body's. */
export type TransferSide = 'agency' | 'receiver';

export interface TransferCommandRule<S extends string> {
  readonly roles: readonly Role[];
  readonly statuses: readonly S[];
  readonly side: TransferSide;
}

/** What a transfer's start carries besides its kind's own payload, as the workflow input gives it. */
export interface TransferStartBase {
  readonly transferId: string;
  readonly parentCaseId: string;
  readonly agencyId: string;
  readonly policy: AgencyPolicy;
}

const ID_LENGTH = 200;
const MAX_MATERIALS = 200;

export function parseStartBase(input: unknown): { transferId: string; parentCaseId: string; agencyId: string; policy: AgencyPolicy } {
  const start = requireObject(input, 'start');
  const agencyId = requireText(start['agencyId'], 'agencyId', 64);
  const policy = parseAgencyPolicy(start['policy']);
  if (policy.agencyId !== agencyId) {
    throw new DomainError(DomainErrorCode.AgencyMismatch, 'the policy is another agency’s', 'policy.agencyId');
  }
  return {
    transferId: requireText(start['transferId'], 'transferId', ID_LENGTH),
    parentCaseId: requireText(start['parentCaseId'], 'parentCaseId', 64),
    agencyId,
    policy,
  };
}

/** Who may start a transfer: the agency's own people in the given role. */
export function assertStarter(actor: Actor, agencyId: string, role: Role, what: string): void {
  if (actor.role !== role) {
    throw new DomainError(DomainErrorCode.RoleNotPermitted, `${what} is for a ${role}, not a ${actor.role}`);
  }
  if (actor.agencyId !== agencyId) {
    throw new DomainError(DomainErrorCode.AgencyMismatch, `${what} is made in the actor’s own agency`, 'agencyId');
  }
}

/**
 * The common gate of every transfer step: a closed transfer takes nothing more, then the role, the
 * side's agency, the expected version and the status, in that order.
 */
export function assertTransferPermitted<S extends string>(
  state: TransferStateBase<TransferKind, S, string>,
  type: string,
  rule: TransferCommandRule<S>,
  sideAgencyId: string | undefined,
  context: TransferCommandContext,
  closedStatus: S,
): void {
  const { actor } = context;
  if (state.status === closedStatus) {
    // CASE_CLOSED is the code for "this record has ended"; a transfer shares it with its case.
    throw new DomainError(DomainErrorCode.CaseClosed, `the ${state.kind.replace('_', ' ')} has ended; nothing more can be recorded on it`);
  }
  if (!rule.roles.includes(actor.role)) {
    throw new DomainError(DomainErrorCode.RoleNotPermitted, `${type} is for the ${rule.roles.join(' or ')}, not the ${actor.role}`);
  }
  if (sideAgencyId === undefined || actor.agencyId !== sideAgencyId) {
    throw new DomainError(
      DomainErrorCode.AgencyMismatch,
      rule.side === 'agency' ? 'the transfer belongs to another agency' : 'the transfer was not sent to the actor’s body',
    );
  }
  if (context.expectedVersion !== undefined && context.expectedVersion !== state.version) {
    throw new DomainError(
      DomainErrorCode.VersionConflict,
      `the transfer is at version ${state.version}, not the expected ${context.expectedVersion}; reload and try again`,
      'expectedVersion',
    );
  }
  if (!rule.statuses.includes(state.status)) {
    throw new DomainError(
      DomainErrorCode.StageTransitionNotAllowed,
      `${type} is allowed when the transfer is ${rule.statuses.join(' or ')}; it is ${state.status}`,
    );
  }
}

/** The list of materials handed over (移送材料清单): at least one item. */
export function parseMaterials(value: unknown, field = 'materials'): readonly string[] {
  const items = requireArray(value, field, MAX_MATERIALS);
  if (items.length === 0) {
    throw new DomainError(DomainErrorCode.InvalidInput, `${field}: list at least one item handed over`, field);
  }
  return items.map((item, index) => requireText(item, `${field}[${index}]`, TEXT_LIMITS.short));
}

/** A past moment the person states (when a clue was discovered); never after the step that states it. */
export function parsePastTimestamp(value: unknown, field: string, now: IsoTimestamp): IsoTimestamp {
  const at = requireTimestamp(value, field);
  if (at > now) {
    throw new DomainError(DomainErrorCode.InvalidInput, `${field}: must not be in the future`, field);
  }
  return at;
}

export function actorRef(actor: Actor): { readonly userId: string; readonly role: Role } {
  return { userId: actor.userId, role: actor.role };
}

/** What the closing report of any transfer says; each kind adds its own facts. */
export interface TransferReportBase<K extends TransferKind, O extends string, C extends string> {
  readonly transferId: string;
  readonly kind: K;
  readonly parentCaseId: string;
  readonly agencyId: string;
  /** Absent only for a transfer that has not ended. */
  readonly outcome?: O;
  readonly startedAt: IsoTimestamp;
  readonly closedAt?: IsoTimestamp;
  /** Events recorded, the last one's sequence. */
  readonly version: number;
  readonly policyVersion: string;
  /** Every clock the transfer ran, kept or missed. */
  readonly clocks: readonly TransferClockReport<C>[];
  /** The deadlines (not reminders) that passed before their step was done: the ones a supervisor looks at. */
  readonly missedDeadlines: readonly C[];
}

export function reportBase<K extends TransferKind, S extends string, C extends string, O extends string>(
  state: TransferStateBase<K, S, C> & { readonly outcome?: O },
): TransferReportBase<K, O, C> {
  return {
    transferId: state.transferId,
    kind: state.kind,
    parentCaseId: state.parentCaseId,
    agencyId: state.agencyId,
    ...(state.outcome === undefined ? {} : { outcome: state.outcome }),
    startedAt: state.startedAt,
    ...(state.closedAt === undefined ? {} : { closedAt: state.closedAt }),
    version: state.version,
    policyVersion: state.policyVersion,
    clocks: state.clocks.map(clockReport),
    missedDeadlines: state.clocks
      .filter((clock) => clock.nature === 'deadline' && clock.status === 'missed')
      .map((clock) => clock.kind),
  };
}

/**
 * Applies every clock event due by `now`, in order, starting from `state`: the loop behind each
 * transfer's catch-up, so a step taken after a clock passed is judged after its passing.
 */
export function applyDueClockEvents<S, E>(
  state: S,
  due: (current: S) => E | undefined,
  evolve: (current: S, event: E) => S,
): { readonly state: S; readonly events: readonly E[] } {
  let current = state;
  const events: E[] = [];
  for (let event = due(current); event !== undefined; event = due(current)) {
    current = evolve(current, event);
    events.push(event);
  }
  return { state: current, events };
}
