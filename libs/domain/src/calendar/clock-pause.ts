import type { IsoTimestamp } from '../case-state';
import { chinaDayOfInstant, parseInstant, invalidInput } from './china-time';

function parsePause(pausedFrom: unknown, resumedAt: unknown): { readonly from: number; readonly to: number } {
  const from = parseInstant(pausedFrom, 'pausedFrom');
  const to = parseInstant(resumedAt, 'resumedAt');
  if (to < from) {
    throw invalidInput('resumedAt', 'must not be before pausedFrom');
  }
  return { from, to };
}

/**
 * The due time of a clock that a suspension (中止) paused: moved later by exactly the time it was paused.
 * Natural elapsed time, not re-aligned to a working day, so that pausing and resuming give back the
 * remaining time to the millisecond however often it happens.
 */
export function extendByPause(dueAt: IsoTimestamp, pausedFrom: IsoTimestamp, resumedAt: IsoTimestamp): IsoTimestamp {
  const due = parseInstant(dueAt, 'dueAt');
  const { from, to } = parsePause(pausedFrom, resumedAt);
  return new Date(due + (to - from)).toISOString();
}

/**
 * How long a suspension lasted, for the record: China-time calendar days from the day it began to the
 * day it ended, so paused and resumed on the same day is 0 and 23:30 to 00:30 the next day is 1.
 */
export function pausedDays(pausedFrom: IsoTimestamp, resumedAt: IsoTimestamp): number {
  const { from, to } = parsePause(pausedFrom, resumedAt);
  return chinaDayOfInstant(to) - chinaDayOfInstant(from);
}
