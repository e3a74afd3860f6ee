import type { CaseEvent, CaseEventType } from '../case-event';
import { evolve, replayEvents } from '../case-lifecycle';
import type { CaseStage } from '../case-stage';
import type { CaseState, DeadlineKind, DeadlineStatus, IsoTimestamp } from '../case-state';
import { DomainError, DomainErrorCode } from '../domain-error';
import type { Role } from '../role';

/**
 * What auditors (执法监督) read from a case's recorded history: every step with who took it, when,
 * the stage it moved the case between and the clocks as they stood after it, and the case as it
 * stood at any point. Everything here is the lifecycle's own fold (`replayEvents`, `evolve`) over
 * the recorded events; nothing recomputes a rule.
 */

/** A clock as it stood right after a step. */
export interface TimelineDeadline {
  readonly kind: DeadlineKind;
  readonly status: DeadlineStatus;
  readonly dueAt: IsoTimestamp;
}

export interface TimelineStep {
  /** The event's sequence: 1 is the registration. */
  readonly sequence: number;
  readonly type: CaseEventType;
  readonly occurredAt: IsoTimestamp;
  readonly actor: { readonly userId: string; readonly role: Role | 'system' };
  readonly stageBefore: CaseStage | null;
  readonly stageAfter: CaseStage;
  /** Every clock of the case after the step, not only those the step touched. */
  readonly deadlines: readonly TimelineDeadline[];
}

/** A point in a case's history: after the step with this sequence, or at this instant. */
export type TimelinePoint = { readonly sequence: number } | { readonly time: IsoTimestamp };

function brokenHistory(message: string): DomainError {
  return new DomainError(DomainErrorCode.InvalidInput, message, 'events');
}

/**
 * The events in sequence order, each once. A history read from several workflow runs is
 * contiguous from the registration; a gap or a conflicting duplicate means it is not a whole
 * record, and nothing is derived from it.
 */
export function orderedCaseEvents(events: readonly CaseEvent[]): readonly CaseEvent[] {
  const bySequence = new Map<number, CaseEvent>();
  for (const event of events) {
    const seen = bySequence.get(event.sequence);
    if (seen !== undefined && JSON.stringify(seen) !== JSON.stringify(event)) {
      throw brokenHistory(`the history records two different events with sequence ${event.sequence}`);
    }
    bySequence.set(event.sequence, event);
  }
  const ordered = [...bySequence.values()].sort((a, b) => a.sequence - b.sequence);
  ordered.forEach((event, index) => {
    if (event.sequence !== index + 1) {
      throw brokenHistory(`the history has no event with sequence ${index + 1}`);
    }
  });
  return ordered;
}

function deadlinesOf(state: CaseState): TimelineDeadline[] {
  return state.deadlines.map((deadline) => ({ kind: deadline.kind, status: deadline.status, dueAt: deadline.dueAt }));
}

/** Every step of the case, folded from its registration. */
export function caseTimeline(events: readonly CaseEvent[]): TimelineStep[] {
  const ordered = orderedCaseEvents(events);
  const steps: TimelineStep[] = [];
  let state: CaseState | undefined;
  for (const event of ordered) {
    state = state === undefined ? replayEvents([event]) : evolve(state, event);
    steps.push({
      sequence: event.sequence,
      type: event.data.type,
      occurredAt: event.occurredAt,
      actor: { userId: event.actor.userId, role: event.actor.role },
      stageBefore: event.stageBefore,
      stageAfter: event.stageAfter,
      deadlines: deadlinesOf(state),
    });
  }
  return steps;
}

/** The events up to a point: up to that sequence, or those that occurred at or before that instant. */
export function eventsUpTo(events: readonly CaseEvent[], point: TimelinePoint): readonly CaseEvent[] {
  const ordered = orderedCaseEvents(events);
  if ('sequence' in point) {
    return ordered.filter((event) => event.sequence <= point.sequence);
  }
  const limit = Date.parse(point.time);
  return ordered.filter((event) => Date.parse(event.occurredAt) <= limit);
}

/**
 * The case exactly as it stood at a point; undefined before its registration, and for a
 * sequence it has not reached.
 */
export function caseStateAt(events: readonly CaseEvent[], point: TimelinePoint): CaseState | undefined {
  const prefix = eventsUpTo(events, point);
  if (prefix.length === 0 || ('sequence' in point && prefix[prefix.length - 1]?.sequence !== point.sequence)) {
    return undefined;
  }
  return replayEvents(prefix);
}

/** A whole number is a sequence; anything else must be an instant with its offset (China time or UTC alike). */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Reads `at`: a sequence number (`12`) or an ISO-8601 instant with offset (`2026-03-02T09:00:00+08:00`). */
export function parseTimelinePoint(value: unknown, field = 'at'): TimelinePoint {
  if (typeof value === 'string' && /^\d+$/.test(value)) {
    const sequence = Number(value);
    if (!Number.isSafeInteger(sequence) || sequence < 1) {
      throw new DomainError(DomainErrorCode.InvalidInput, `${field}: a sequence number is a whole number from 1`, field);
    }
    return { sequence };
  }
  if (typeof value !== 'string' || !INSTANT.test(value) || Number.isNaN(Date.parse(value))) {
    throw new DomainError(
      DomainErrorCode.InvalidInput,
      `${field}: must be a sequence number (12) or an ISO-8601 instant with its offset (2026-03-02T09:00:00+08:00)`,
      field,
    );
  }
  return { time: new Date(Date.parse(value)).toISOString() };
}
