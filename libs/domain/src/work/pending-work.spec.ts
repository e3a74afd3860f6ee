import {
  PRC_WORKING_CALENDAR_YEARS,
  applyCommand,
  createWorkingCalendar,
  defaultAgencyPolicy,
  pendingWork,
  registerCase,
  type Actor,
  type CaseCommand,
  type CaseState,
  type ClockContext,
} from '../index';

const AGENCY = 'agency-a';
const handlerLi: Actor = { userId: 'li', role: 'handler', agencyId: AGENCY };
const reviewer: Actor = { userId: 'zhao', role: 'reviewer', agencyId: AGENCY };
const head: Actor = { userId: 'wang', role: 'head', agencyId: AGENCY };
const officer: Actor = { userId: 'zhou', role: 'hearing_officer', agencyId: AGENCY };
const clocks: ClockContext = { policy: defaultAgencyPolicy(AGENCY), calendar: createWorkingCalendar(PRC_WORKING_CALENDAR_YEARS) };

/** Monday 2026-03-02, 09:00 China time. */
const T0 = '2026-03-02T01:00:00.000Z';
const at = (days: number): string => new Date(Date.parse(T0) + days * 86_400_000).toISOString();

const handlers = [
  { userId: 'li', certificateNumber: 'C-1', certificateExpiresAt: '2030-01-01T00:00:00.000Z' },
  { userId: 'chen', certificateNumber: 'C-2', certificateExpiresAt: '2030-01-01T00:00:00.000Z' },
];

function registered(): CaseState {
  return registerCase(
    { caseId: 'case-1', agencyId: AGENCY, source: 'complaint', summary: 'Expired food on sale', party: { type: 'organization', name: 'Shop Ltd' } },
    handlerLi,
    T0,
    clocks,
  ).state;
}

function step(state: CaseState, actor: Actor, command: CaseCommand, now: string): CaseState {
  return applyCommand(state, command, { ...clocks, actor, now }).state;
}

function investigating(): CaseState {
  const filed = step(registered(), head, { type: 'approve_filing', reason: 'violation likely' }, at(1));
  return step(filed, head, { type: 'assign_handlers', handlers }, at(1));
}

function inNotice(): CaseState {
  const reviewing = step(
    investigating(),
    handlerLi,
    { type: 'submit_investigation_report', findings: 'found', proposedOutcome: 'penalty', proposedFine: 60_000 },
    at(10),
  );
  return step(reviewing, reviewer, { type: 'decide_legal_review', verdict: 'approve', opinion: 'lawful' }, at(12));
}

const deadline = (state: CaseState, kind: string): string | undefined => state.deadlines.find((clock) => clock.kind === kind)?.dueAt;

describe('pendingWork: what a case waits for, from whom, by when', () => {
  it('a clue waits for a head of the agency to decide on filing, against the filing clock', () => {
    const state = registered();
    expect(pendingWork(state)).toEqual([
      { action: 'approve_filing', role: 'head', scope: 'agency', deadlineKind: 'filing_decision', dueAt: deadline(state, 'filing_decision') },
    ]);
  });

  it('an investigation waits for the case’s own handlers, against the 90-day decision clock', () => {
    const state = investigating();
    expect(pendingWork(state)).toEqual([
      { action: 'submit_investigation_report', role: 'handler', scope: 'case_handlers', deadlineKind: 'decision', dueAt: deadline(state, 'decision') },
    ]);
  });

  it('a legal review waits for any reviewer of the agency, against the review clock', () => {
    const state = step(
      investigating(),
      handlerLi,
      { type: 'submit_investigation_report', findings: 'found', proposedOutcome: 'penalty', proposedFine: 60_000 },
      at(10),
    );
    expect(pendingWork(state)).toEqual([
      { action: 'decide_legal_review', role: 'reviewer', scope: 'agency', deadlineKind: 'legal_review', dueAt: deadline(state, 'legal_review') },
    ]);
  });

  it('a notice waits for the handlers to record the answer, then for a head to decide', () => {
    const open = inNotice();
    expect(pendingWork(open).map((item) => [item.action, item.role, item.deadlineKind])).toEqual([['close_notice', 'handler', 'notice_response']]);
    const closed = step(open, handlerLi, { type: 'close_notice', partyResponse: 'waived' }, at(13));
    expect(pendingWork(closed).map((item) => [item.action, item.role, item.scope])).toEqual([['decide_case', 'head', 'agency']]);
  });

  it('a hearing waits for a head to appoint the officer, then for that officer alone, then for the decision', () => {
    const requested = step(inNotice(), handlerLi, { type: 'request_hearing' }, at(13));
    expect(pendingWork(requested).map((item) => [item.action, item.role])).toEqual([['schedule_hearing', 'head']]);
    const scheduled = step(requested, head, { type: 'schedule_hearing', officerId: officer.userId, scheduledFor: at(30), public: false }, at(14));
    expect(pendingWork(scheduled)).toEqual([
      expect.objectContaining({ action: 'record_hearing', role: 'hearing_officer', scope: 'named_person', assignee: 'zhou' }),
    ]);
    const held = step(scheduled, officer, { type: 'record_hearing', outcome: 'held', record: 'party heard' }, at(30));
    expect(pendingWork(held).map((item) => item.action)).toEqual(['decide_case']);
  });

  it('an undecided recusal request waits for a head beside the investigation, and leaves once decided', () => {
    const requested = step(investigating(), handlerLi, { type: 'request_recusal', handlerId: 'chen', reason: 'related to the party' }, at(2));
    expect(pendingWork(requested).map((item) => [item.action, item.role])).toEqual([
      ['submit_investigation_report', 'handler'],
      ['decide_recusal', 'head'],
    ]);
    const refused = step(requested, head, { type: 'decide_recusal', handlerId: 'chen', granted: false, reason: 'no interest shown' }, at(3));
    expect(pendingWork(refused).map((item) => item.action)).toEqual(['submit_investigation_report']);
  });

  it('a case that was not filed waits for nobody', () => {
    const declined = step(registered(), head, { type: 'decline_filing', reason: 'no violation' }, at(1));
    expect(pendingWork(declined)).toEqual([]);
  });
});
