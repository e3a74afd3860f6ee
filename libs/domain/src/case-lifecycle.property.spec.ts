import fc from 'fast-check';
import {
  CaseStage,
  DomainError,
  PRC_WORKING_CALENDAR_YEARS,
  applyCommand,
  availableCommands,
  clockAlarmEvent,
  createWorkingCalendar,
  defaultAgencyPolicy,
  evolve,
  isFinalStage,
  registerCase,
  replayEvents,
  type Actor,
  type CaseCommand,
  type CaseEvent,
  type CaseState,
  type ClockContext,
} from './index';

/**
 * Random sequences of actions by random people, at random times, never reach a state the rulebook
 * forbids, and every state reached has a legal way forward or is final.
 */
const AGENCY = 'agency-a';
const clocks: ClockContext = { policy: defaultAgencyPolicy(AGENCY), calendar: createWorkingCalendar(PRC_WORKING_CALENDAR_YEARS) };
const T0 = Date.parse('2026-03-02T01:00:00.000Z');

const people: readonly Actor[] = [
  { userId: 'li', role: 'handler', agencyId: AGENCY },
  { userId: 'chen', role: 'handler', agencyId: AGENCY },
  { userId: 'wu', role: 'handler', agencyId: AGENCY },
  { userId: 'zhao', role: 'reviewer', agencyId: AGENCY },
  // A handler of the case acting as reviewer: four eyes must stop them.
  { userId: 'li', role: 'reviewer', agencyId: AGENCY },
  { userId: 'wang', role: 'head', agencyId: AGENCY },
  { userId: 'sun', role: 'head', agencyId: AGENCY },
  { userId: 'zhou', role: 'hearing_officer', agencyId: AGENCY },
  { userId: 'chen', role: 'hearing_officer', agencyId: AGENCY },
  { userId: 'qian', role: 'head', agencyId: 'agency-b' },
];

const certified = (userId: string, expires = '2030-01-01T00:00:00.000Z') => ({ userId, certificateNumber: `C-${userId}`, certificateExpiresAt: expires });

const text = fc.constantFrom('reason', 'x', '');
const commandArb: fc.Arbitrary<CaseCommand> = fc.oneof(
  text.map((reason) => ({ type: 'approve_filing' as const, reason })),
  text.map((reason) => ({ type: 'decline_filing' as const, reason })),
  text.map((reason) => ({ type: 'extend_filing_period' as const, reason })),
  fc.constantFrom(
    [certified('li'), certified('chen')],
    [certified('li')],
    [certified('li'), certified('chen', '2026-01-01T00:00:00.000Z')],
    [certified('li'), certified('wang')],
  ).map((handlers) => ({ type: 'assign_handlers' as const, handlers })),
  text.map((reason) => ({ type: 'suspend_case' as const, reason })),
  text.map((reason) => ({ type: 'resume_case' as const, reason })),
  fc.constantFrom('li', 'chen', 'wu').map((handlerId) => ({ type: 'request_recusal' as const, handlerId, reason: 'interest' })),
  fc.record({ handlerId: fc.constantFrom('li', 'chen'), granted: fc.boolean() }).map(({ handlerId, granted }) => ({
    type: 'decide_recusal' as const,
    handlerId,
    granted,
    reason: 'decided',
    replacement: certified('wu'),
  })),
  fc.record({
    proposedOutcome: fc.constantFrom('penalty' as const, 'no_penalty' as const, 'not_established' as const),
    proposedFine: fc.option(fc.constantFrom(500, 20_000, 60_000), { nil: undefined }),
    severity: fc.constantFrom('minor' as const, 'ordinary' as const, 'grave' as const),
  }).map((report) => ({ type: 'submit_investigation_report' as const, findings: 'found', ...report })),
  fc.constantFrom('approve' as const, 'return_for_investigation' as const, 'revise_and_resubmit' as const, 'disapprove' as const).map(
    (verdict) => ({ type: 'decide_legal_review' as const, verdict, opinion: 'opinion' }),
  ),
  fc.constantFrom('waived' as const, 'statement' as const).map((partyResponse) => ({ type: 'close_notice' as const, partyResponse, statement: 'said' })),
  fc.constant({ type: 'request_hearing' as const }),
  fc.constantFrom('zhou', 'chen', 'zhao').map((officerId) => ({
    type: 'schedule_hearing' as const,
    officerId,
    scheduledFor: '2027-06-01T01:00:00.000Z',
    public: true,
  })),
  fc.constantFrom('held' as const, 'party_absent' as const).map((outcome) => ({ type: 'record_hearing' as const, outcome, record: 'minutes' })),
  fc.constant({ type: 'record_collective_discussion' as const, participants: ['wang', 'sun'], conclusion: 'agreed' }),
  fc.boolean().map((viaCollectiveDiscussion) => ({ type: 'extend_decision_period' as const, reason: 'complex', viaCollectiveDiscussion })),
  fc.record({
    outcome: fc.constantFrom('penalty' as const, 'no_penalty' as const),
    fine: fc.option(fc.constantFrom(500, 60_000, 90_000), { nil: undefined }),
    publish: fc.boolean(),
  }).map((decision) => ({ type: 'decide_case' as const, reasoning: 'because', ...decision })),
  fc.constant({ type: 'record_service' as const, method: 'in_person' as const }),
  fc.constant({ type: 'publish_decision' as const }),
  fc.constant({ type: 'record_decision_change' as const, kind: 'revoked' as const, reason: 'court' }),
  fc.constant({ type: 'withdraw_publicity' as const, reason: 'revoked' }),
  fc.constantFrom(500, 60_000, 200_000).map((amount) => ({ type: 'record_payment' as const, amount })),
  fc.constant({ type: 'apply_for_enforcement' as const, reason: 'unpaid' }),
  fc.constant({ type: 'record_penalty_carried_out' as const, summary: 'done' }),
  fc.constant({ type: 'close_case' as const, summary: 'closed' }),
  fc.boolean().map((important) => ({ type: 'archive_case' as const, important })),
);

const stepArb = fc.record({
  actor: fc.constantFrom(...people),
  command: commandArb,
  // Up to twelve days between steps, sometimes none.
  elapsedMs: fc.integer({ min: 0, max: 12 * 86_400_000 }),
});

const POST_DECISION: readonly CaseStage[] = [CaseStage.Decided, CaseStage.Service, CaseStage.Publicity, CaseStage.Execution, CaseStage.Closed, CaseStage.Archived];

function assertRulebookHolds(state: CaseState, events: readonly CaseEvent[]): void {
  // Sequences are consecutive and the state is exactly what the events say.
  expect(events.map((event) => event.sequence)).toEqual(events.map((_, index) => index + 1));
  expect(state.version).toBe(events.length);
  expect(replayEvents(events)).toEqual(state);

  for (const [index, event] of events.entries()) {
    const before = index === 0 ? undefined : replayEvents(events.slice(0, index));
    const { data } = event;
    if (data.type === 'handlers_assigned') {
      // APL 42, 55: two different handlers with certificates valid at assignment.
      const valid = data.handlers.filter((handler) => handler.certificateExpiresAt > event.occurredAt);
      expect(new Set(valid.map((handler) => handler.userId)).size).toBeGreaterThanOrEqual(2);
    }
    if (data.type === 'legal_review_decided' || data.type === 'hearing_recorded') {
      // Four eyes (APL 58, 64): a reviewer or hearing officer never handles the case.
      expect(before?.handlers.map((handler) => handler.userId)).not.toContain(event.actor.userId);
    }
    if (data.type === 'case_decided') {
      // APL 58: required review approved; APL 44: the party heard; APL 57: discussion when required.
      if (before?.report?.legalReview.required === true) {
        expect(before.reviews[before.reviews.length - 1]?.outcome).toBe('approved');
      }
      expect(before?.notice?.closedAt !== undefined || before?.hearing?.recordedAt !== undefined).toBe(true);
      if (before?.report?.collectiveDiscussionRequired === true) {
        expect(before.collectiveDiscussion).toBeDefined();
      }
    }
    // Nothing is ever recorded on an archived case, nor by another agency.
    expect(before?.stage).not.toBe(CaseStage.Archived);
    if (event.actor.role !== 'system') {
      expect(people.find((person) => person.userId === event.actor.userId && person.role === event.actor.role)?.agencyId).toBe(AGENCY);
    }
  }
  if (POST_DECISION.includes(state.stage)) {
    expect(state.decision).toBeDefined();
  }
  if (state.stage === CaseStage.Archived) {
    expect(state.closing).toBeDefined();
  }
}

describe('the lifecycle under random use (property-based)', () => {
  it('never reaches a state the rulebook forbids, and always has a way forward until it is final', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 60 }), (steps) => {
        let now = T0;
        const registered = registerCase(
          { caseId: 'case-p', agencyId: AGENCY, source: 'inspection', summary: 'found', party: { type: 'individual', name: 'Zhang San' } },
          people[0],
          new Date(now).toISOString(),
          clocks,
        );
        let state = registered.state;
        const events: CaseEvent[] = [registered.event];
        for (const { actor, command, elapsedMs } of steps) {
          now += elapsedMs;
          const nowIso = new Date(now).toISOString();
          // The workflow records what the clocks say before it takes the next step.
          for (let alarm = clockAlarmEvent(state, nowIso); alarm !== undefined; alarm = clockAlarmEvent(state, nowIso)) {
            state = evolve(state, alarm);
            events.push(alarm);
          }
          try {
            const result = applyCommand(state, command, { ...clocks, actor, now: nowIso });
            state = result.state;
            events.push(result.event);
          } catch (error) {
            if (!(error instanceof DomainError)) {
              throw error;
            }
          }
          const wayForward =
            isFinalStage(state.stage) ||
            people.some((person) => availableCommands(state, person, clocks, nowIso).length > 0);
          expect(wayForward).toBe(true);
        }
        assertRulebookHolds(state, events);
      }),
      { numRuns: 300 },
    );
  });
});
