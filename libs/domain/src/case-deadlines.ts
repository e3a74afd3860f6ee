import { computeDeadline, extendByPause, leadTimeBefore, type WorkingCalendar } from './calendar';
import type { CaseState, Deadline, DeadlineKind, IsoTimestamp } from './case-state';
import type { DiscretionBenchmark } from './discretion/discretion-benchmark';
import { policyDeadline, warningLeadTime, type AgencyPolicy, type PeriodRule, type PolicyDeadline } from './policy/agency-policy';

/** The policy rule behind each clock of a case. */
export const DEADLINE_POLICY: { readonly [K in DeadlineKind]: PolicyDeadline } = {
  filing_decision: 'filing.decisionPeriod',
  decision: 'decision.decisionPeriod',
  legal_review: 'legalReview.reviewPeriod',
  notice_response: 'notice.responsePeriod',
  service: 'service.servicePeriod',
  publicity: 'publicity.publicationPeriod',
  publicity_withdrawal: 'publicity.withdrawalPeriod',
  payment: 'execution.paymentPeriod',
  archive: 'archive.archivePeriod',
  preservation: 'preservation.disposalPeriod',
  recusal_decision: 'recusal.decisionPeriod',
};

export interface ClockContext {
  readonly policy: AgencyPolicy;
  readonly calendar: WorkingCalendar;
  /** The agency's published discretion benchmark, when it has stored one (domain.md §5). */
  readonly benchmark?: DiscretionBenchmark;
}

/**
 * The due and warning times of a clock, derived from when it started, the rule, the extensions
 * granted and the pauses it stood through: the one computation behind starting, extending,
 * resuming and applying a new policy.
 */
function schedule(deadline: Omit<Deadline, 'dueAt' | 'warnAt' | 'fallbackYears'>, { policy, calendar }: ClockContext): Deadline {
  const fallbackYears = new Set<number>();
  const base = computeDeadline(deadline.startedAt, deadline.rule, calendar);
  base.fallbackYears.forEach((year) => fallbackYears.add(year));
  let dueAt = base.dueAt;
  for (const extension of deadline.extensions) {
    const extended = computeDeadline(dueAt, extension, calendar);
    extended.fallbackYears.forEach((year) => fallbackYears.add(year));
    dueAt = extended.dueAt;
  }
  for (const pause of deadline.pauses) {
    if (pause.to !== undefined) {
      dueAt = extendByPause(dueAt, pause.from, pause.to);
    }
  }
  const warning = leadTimeBefore(dueAt, warningLeadTime(policy, DEADLINE_POLICY[deadline.kind]), calendar);
  const warnAt = warning < deadline.startedAt ? deadline.startedAt : warning;
  return { ...deadline, dueAt, warnAt, fallbackYears: [...fallbackYears].sort((a, b) => a - b) };
}

export function startClock(kind: DeadlineKind, startedAt: IsoTimestamp, context: ClockContext): Deadline {
  return schedule(
    { kind, startedAt, rule: policyDeadline(context.policy, DEADLINE_POLICY[kind]), extensions: [], pauses: [], status: 'running' },
    context,
  );
}

/** A clock whose due time moved is warned about again, for its new due time. */
function warnAgainIfMoved(before: Deadline, after: Deadline): Deadline {
  if (after.dueAt === before.dueAt) {
    return after;
  }
  const { warnedAt: _warnedAt, ...moved } = after;
  return moved;
}

export function extendClock(deadline: Deadline, extension: PeriodRule, context: ClockContext): Deadline {
  return warnAgainIfMoved(deadline, schedule({ ...deadline, extensions: [...deadline.extensions, extension] }, context));
}

export function pauseClock(deadline: Deadline, at: IsoTimestamp): Deadline {
  return { ...deadline, status: 'paused', pauses: [...deadline.pauses, { from: at }] };
}

export function resumeClock(deadline: Deadline, at: IsoTimestamp, context: ClockContext): Deadline {
  const pauses = deadline.pauses.map((pause) => (pause.to === undefined ? { ...pause, to: at } : pause));
  return warnAgainIfMoved(deadline, schedule({ ...deadline, status: 'running', pauses }, context));
}

/** A new policy applies to a running clock from the moment it started (domain.md: changes reach running cases). */
export function reschedule(deadline: Deadline, context: ClockContext): Deadline {
  return warnAgainIfMoved(deadline, schedule({ ...deadline, rule: policyDeadline(context.policy, DEADLINE_POLICY[deadline.kind]) }, context));
}

export function settleClock(deadline: Deadline, status: 'met' | 'missed', at: IsoTimestamp): Deadline {
  return { ...deadline, status, settledAt: at };
}

export function clockOf(state: CaseState, kind: DeadlineKind): Deadline | undefined {
  return state.deadlines.find((deadline) => deadline.kind === kind);
}

/** The clocks that are still counting or paused. */
export function openClocks(state: CaseState): Deadline[] {
  return state.deadlines.filter((deadline) => deadline.status === 'running' || deadline.status === 'paused');
}

export interface ClockAlarm {
  readonly kind: DeadlineKind;
  readonly at: IsoTimestamp;
  readonly alarm: 'warn' | 'miss';
}

/** The next moment a running clock needs the workflow: a warning not yet given, or its expiry. */
export function nextClockAlarm(state: CaseState): ClockAlarm | undefined {
  let next: ClockAlarm | undefined;
  for (const deadline of state.deadlines) {
    if (deadline.status !== 'running') {
      continue;
    }
    const alarm: ClockAlarm =
      deadline.warnedAt === undefined && deadline.warnAt < deadline.dueAt
        ? { kind: deadline.kind, at: deadline.warnAt, alarm: 'warn' }
        : { kind: deadline.kind, at: deadline.dueAt, alarm: 'miss' };
    if (next === undefined || alarm.at < next.at) {
      next = alarm;
    }
  }
  return next;
}
