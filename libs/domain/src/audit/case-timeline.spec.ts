import {
  DomainError,
  DomainErrorCode,
  PRC_WORKING_CALENDAR_YEARS,
  applyCommand,
  caseStateAt,
  caseTimeline,
  clockAlarmEvent,
  createWorkingCalendar,
  defaultAgencyPolicy,
  evolve,
  parseTimelinePoint,
  registerCase,
  type Actor,
  type CaseCommand,
  type CaseEvent,
  type CaseState,
  type ClockContext,
} from '../index';

const AGENCY = 'agency-a';
const handlerLi: Actor = { userId: 'li', role: 'handler', agencyId: AGENCY };
const head: Actor = { userId: 'wang', role: 'head', agencyId: AGENCY };
const clocks: ClockContext = { policy: defaultAgencyPolicy(AGENCY), calendar: createWorkingCalendar(PRC_WORKING_CALENDAR_YEARS) };

/** Monday 2026-03-02, 09:00 China time. */
const T0 = '2026-03-02T01:00:00.000Z';
const at = (hours: number): string => new Date(Date.parse(T0) + hours * 3_600_000).toISOString();

const handlers = [
  { userId: 'li', certificateNumber: 'C-1', certificateExpiresAt: '2030-01-01T00:00:00.000Z' },
  { userId: 'chen', certificateNumber: 'C-2', certificateExpiresAt: '2030-01-01T00:00:00.000Z' },
];

/** A case taken through a few steps, with the state the lifecycle had after each one. */
function run(): { events: CaseEvent[]; states: CaseState[] } {
  const registered = registerCase(
    { caseId: 'case-1', agencyId: AGENCY, source: 'complaint', summary: 'Expired food on sale', party: { type: 'organization', name: 'Shop Ltd' } },
    handlerLi,
    T0,
    clocks,
  );
  const events = [registered.event];
  const states = [registered.state];
  const step = (command: CaseCommand, actor: Actor, now: string) => {
    const next = applyCommand(states[states.length - 1], command, { ...clocks, actor, now });
    events.push(next.event);
    states.push(next.state);
  };
  step({ type: 'approve_filing', reason: 'Facts indicate a violation' }, head, at(2));
  step({ type: 'assign_handlers', handlers }, head, at(3));
  step({ type: 'suspend_case', reason: 'Awaiting laboratory testing' }, head, at(5));
  step({ type: 'resume_case', reason: 'Results received' }, head, at(30 * 24));
  return { events, states };
}

describe('the case timeline, folded from the recorded events', () => {
  it('lists every step with its actor, stages and the clocks after it', () => {
    const { events, states } = run();
    const timeline = caseTimeline(events);

    expect(timeline.map((step) => [step.sequence, step.type, step.actor.userId, step.stageBefore, step.stageAfter])).toEqual([
      [1, 'case_registered', 'li', null, 'clue'],
      [2, 'filing_approved', 'wang', 'clue', 'filed'],
      [3, 'handlers_assigned', 'wang', 'filed', 'investigation'],
      [4, 'case_suspended', 'wang', 'investigation', 'suspended'],
      [5, 'case_resumed', 'wang', 'suspended', 'investigation'],
    ]);
    timeline.forEach((step, index) => {
      const state = states[index];
      expect(step.deadlines).toEqual(state.deadlines.map(({ kind, status, dueAt }) => ({ kind, status, dueAt })));
    });
    // The decision clock stood still while suspended, and moved on resumption.
    const decisionDue = (sequence: number) => timeline[sequence - 1]?.deadlines.find((deadline) => deadline.kind === 'decision');
    expect(decisionDue(4)).toMatchObject({ status: 'paused' });
    expect(decisionDue(5)?.status).toBe('running');
    expect(Date.parse(decisionDue(5)?.dueAt ?? '')).toBeGreaterThan(Date.parse(decisionDue(3)?.dueAt ?? ''));
  });

  it('gives the case exactly as the lifecycle had it after each sequence and at each instant', () => {
    const { events, states } = run();
    states.forEach((state, index) => {
      expect(caseStateAt(events, { sequence: index + 1 })).toEqual(state);
      const event = events[index];
      expect(caseStateAt(events, { time: event.occurredAt })).toEqual(state);
      // A moment before the next step still shows this one.
      expect(caseStateAt(events, { time: new Date(Date.parse(event.occurredAt) + 60_000).toISOString() })).toEqual(state);
    });
  });

  it('knows no state before the registration, nor at a sequence not reached', () => {
    const { events } = run();
    expect(caseStateAt(events, { time: new Date(Date.parse(T0) - 1).toISOString() })).toBeUndefined();
    expect(caseStateAt(events, { sequence: events.length + 1 })).toBeUndefined();
  });

  it('includes the steps the workflow records itself, as the system', () => {
    const { events, states } = run();
    const last = states[states.length - 1];
    const filingDue = last.deadlines.find((deadline) => deadline.kind === 'decision')?.warnAt as string;
    const warned = clockAlarmEvent(last, filingDue) as CaseEvent;
    const timeline = caseTimeline([...events, warned]);
    expect(timeline[timeline.length - 1]).toMatchObject({ type: 'deadline_warned', actor: { userId: 'system', role: 'system' } });
    expect(caseStateAt([...events, warned], { sequence: warned.sequence })).toEqual(evolve(last, warned));
  });

  it('reads events in any order, once each, and refuses a history with a gap or two versions of a step', () => {
    const { events } = run();
    expect(caseTimeline([...events].reverse().concat(events))).toEqual(caseTimeline(events));
    const gap = events.filter((event) => event.sequence !== 3);
    expect(() => caseTimeline(gap)).toThrow(/no event with sequence 3/);
    const altered = { ...(events[1]), occurredAt: at(4) };
    expect(() => caseTimeline([...events, altered])).toThrow(/two different events with sequence 2/);
  });
});

describe('reading a point of the timeline', () => {
  it('reads a whole number as a sequence and an instant with its offset as a time', () => {
    expect(parseTimelinePoint('12')).toEqual({ sequence: 12 });
    expect(parseTimelinePoint('2026-03-02T09:00:00+08:00')).toEqual({ time: '2026-03-02T01:00:00.000Z' });
    expect(parseTimelinePoint('2026-03-02T01:00:00.123Z')).toEqual({ time: '2026-03-02T01:00:00.123Z' });
  });

  it.each(['0', '-3', '1.5', '', 'yesterday', '2026-03-02', '2026-03-02T09:00:00', '2026-13-45T09:00:00Z', '99999999999999999999'])(
    'refuses %j naming at',
    (value) => {
      let error: unknown;
      try {
        parseTimelinePoint(value);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ code: DomainErrorCode.InvalidInput, field: 'at' });
    },
  );
});
