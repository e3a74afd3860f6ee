import {
  DomainError,
  DomainErrorCode,
  PRC_WORKING_CALENDAR_YEARS,
  applyJudicialTransferCommand,
  availableJudicialTransferCommands,
  catchUpJudicialTransferClocks,
  createWorkingCalendar,
  decideJudicialTransfer,
  defaultAgencyPolicy,
  dueJudicialTransferClockEvent,
  judicialTransferReport,
  replayJudicialTransfer,
  startJudicialTransfer,
  type Actor,
  type JudicialTransferCommand,
  type JudicialTransferEvent,
  type JudicialTransferState,
} from '../index';

const AGENCY = 'agency-a';
const calendar = createWorkingCalendar(PRC_WORKING_CALENDAR_YEARS);

const handlerLi: Actor = { userId: 'li', role: 'handler', agencyId: AGENCY };
const handlerChen: Actor = { userId: 'chen', role: 'handler', agencyId: AGENCY };
const handlerOutsider: Actor = { userId: 'sun', role: 'handler', agencyId: AGENCY };
const head: Actor = { userId: 'wang', role: 'head', agencyId: AGENCY };

/** Monday 2 March 2026, 09:00 China time. */
const REPORTED = '2026-03-02T01:00:00.000Z';
const APPROVED = '2026-03-03T02:00:00.000Z';
const TRANSFERRED = '2026-03-03T08:00:00.000Z';
const ANSWERED = '2026-03-06T02:00:00.000Z';
const REVIEW = '2026-03-08T02:00:00.000Z';

const team = [
  { userId: 'li', certificateNumber: 'C-1', certificateExpiresAt: '2030-01-01T00:00:00.000Z' },
  { userId: 'chen', certificateNumber: 'C-2', certificateExpiresAt: '2030-01-01T00:00:00.000Z' },
];

const report = {
  suspectedOffence: '生产、销售伪劣产品罪',
  facts: 'Sales of counterfeit fertiliser worth ¥620,000, above the ¥50,000 threshold for prosecution',
  team,
};

const startInput = {
  transferId: 'case-1/judicial-transfer',
  parentCaseId: 'case-1',
  agencyId: AGENCY,
  policy: defaultAgencyPolicy(AGENCY),
  report,
};

const transferRecord = { materials: ['涉嫌犯罪案件移送书', '涉嫌犯罪案件调查报告', '涉案物品清单'], policeOrgan: '浦东公安分局' };

function expectRefusal(action: () => unknown, code: DomainErrorCode, field?: string): void {
  let thrown: unknown;
  try {
    action();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(DomainError);
  expect((thrown as DomainError).code).toBe(code);
  if (field !== undefined) {
    expect((thrown as DomainError).field).toBe(field);
  }
}

interface Run {
  state: JudicialTransferState;
  events: JudicialTransferEvent[];
}

function start(input: object = startInput, actor: Actor = handlerLi): Run {
  const { state, event } = startJudicialTransfer(input, actor, REPORTED, calendar);
  return { state, events: [event] };
}

function step(run: Run, actor: Actor, command: JudicialTransferCommand, now: string): Run {
  const { state, event } = applyJudicialTransferCommand(run.state, command, { actor, now, calendar });
  return { state, events: [...run.events, event] };
}

function passTime(run: Run, now: string): Run {
  const { state, events } = catchUpJudicialTransferClocks(run.state, now, calendar);
  return { state, events: [...run.events, ...events] };
}

const approved = (): Run => step(start(), head, { type: 'approve_transfer', opinion: 'Transfer to the police' }, APPROVED);
const transferred = (): Run => step(approved(), handlerChen, { type: 'record_transfer', ...transferRecord }, TRANSFERRED);
const policeRefused = (): Run =>
  step(
    transferred(),
    handlerLi,
    { type: 'record_police_answer', answer: 'refused', documentNumber: '沪公(浦)不立字〔2026〕17号', reason: 'amount not proven' },
    ANSWERED,
  );

const clock = (state: JudicialTransferState, kind: string) => state.clocks.find((candidate) => candidate.kind === kind);

describe('reporting a suspected crime (APL 27, Transfer Provisions Art. 5)', () => {
  it('is the first event, by a handler of the reporting team, and starts the head’s 3 days', () => {
    const { state, events } = start();
    expect(state).toMatchObject({ status: 'reported', version: 1, report: { suspectedOffence: report.suspectedOffence } });
    expect(events[0]).toMatchObject({ sequence: 1, statusBefore: null, statusAfter: 'reported', data: { type: 'crime_reported' } });
    // 3 natural days after Monday 2 March: Thursday 5 March, to 24:00 China time.
    expect(clock(state, 'head_decision')).toMatchObject({
      nature: 'deadline',
      basis: 'judicialTransfer.headDecisionPeriod',
      dueAt: '2026-03-05T15:59:59.999Z',
      status: 'running',
    });
    expectRefusal(() => start(startInput, head), DomainErrorCode.RoleNotPermitted);
    expectRefusal(() => start(startInput, handlerOutsider), DomainErrorCode.NotCaseParticipant);
    expectRefusal(() => start(startInput, { ...handlerLi, agencyId: 'agency-b' }), DomainErrorCode.AgencyMismatch, 'agencyId');
  });

  it('comes from a team of at least two officers, each with an unexpired certificate', () => {
    const withTeam = (members: unknown) => ({ ...startInput, report: { ...report, team: members } });
    expect(start(withTeam([...team, { ...team[0], userId: 'sun' }])).state.report.team).toHaveLength(3);
    expectRefusal(() => start(withTeam([team[0]])), DomainErrorCode.TwoCertifiedHandlersRequired, 'team');
    expectRefusal(
      () => start(withTeam([team[0], { ...team[1], certificateExpiresAt: '2026-01-01T00:00:00.000Z' }])),
      DomainErrorCode.TwoCertifiedHandlersRequired,
      'team',
    );
    expectRefusal(() => start(withTeam([team[0], team[0]])), DomainErrorCode.InvalidInput, 'team');
    expectRefusal(() => start(withTeam([team[0], { userId: 'chen' }])), DomainErrorCode.InvalidInput, 'team[1].certificateNumber');
  });

  it('names the offence and the facts', () => {
    expectRefusal(() => start({ ...startInput, report: { ...report, suspectedOffence: '' } }), DomainErrorCode.InvalidInput, 'suspectedOffence');
    expectRefusal(() => start({ ...startInput, report: { ...report, facts: undefined } }), DomainErrorCode.InvalidInput, 'facts');
  });
});

describe('the principal head’s decision', () => {
  it('is the head’s: approval starts the 24 hours to hand the case to the police', () => {
    const run = approved();
    expect(run.state).toMatchObject({ status: 'approved', headDecision: { approved: true, decidedBy: 'wang' } });
    expect(clock(run.state, 'head_decision')).toMatchObject({ status: 'met', settledAt: APPROVED });
    expect(clock(run.state, 'transfer')).toMatchObject({ basis: 'judicialTransfer.transferPeriod', dueAt: '2026-03-04T02:00:00.000Z' });
    expectRefusal(() => step(start(), handlerLi, { type: 'approve_transfer' }, APPROVED), DomainErrorCode.RoleNotPermitted);
    expectRefusal(() => step(start(), { ...head, agencyId: 'agency-b' }, { type: 'approve_transfer' }, APPROVED), DomainErrorCode.AgencyMismatch);
    expectRefusal(() => step(approved(), head, { type: 'approve_transfer' }, APPROVED), DomainErrorCode.StageTransitionNotAllowed);
  });

  it('refuses with a reason, which ends the transfer', () => {
    const run = step(start(), head, { type: 'refuse_transfer', reason: 'Below the prosecution threshold' }, APPROVED);
    expect(run.state).toMatchObject({ status: 'closed', outcome: 'refused_by_head', closedAt: APPROVED });
    expectRefusal(() => step(start(), head, { type: 'refuse_transfer', reason: ' ' }, APPROVED), DomainErrorCode.InvalidInput, 'reason');
  });

  it('records the 3 days passing as a missed deadline, and a late decision as done late', () => {
    const run = start();
    expect(dueJudicialTransferClockEvent(run.state, '2026-03-05T15:59:59.999Z', calendar)).toBeUndefined();
    const missed = passTime(run, '2026-03-06T00:00:00.000Z');
    expect(missed.events[1]).toMatchObject({
      sequence: 2,
      actor: { userId: 'system', role: 'system' },
      statusBefore: 'reported',
      statusAfter: 'reported',
      data: { type: 'deadline_missed', clock: 'head_decision', dueAt: '2026-03-05T15:59:59.999Z' },
    });
    const late = step(missed, head, { type: 'approve_transfer' }, '2026-03-06T02:00:00.000Z');
    expect(clock(late.state, 'head_decision')).toMatchObject({ status: 'missed', doneLateAt: '2026-03-06T02:00:00.000Z' });
    expect(judicialTransferReport(late.state).missedDeadlines).toEqual(['head_decision']);
  });
});

describe('the transfer to the police', () => {
  it('is recorded by a team member after approval, with materials and the police organ', () => {
    const run = transferred();
    expect(run.state).toMatchObject({ status: 'transferred', transfer: { policeOrgan: '浦东公安分局', transferredBy: 'chen' } });
    expect(clock(run.state, 'transfer')).toMatchObject({ status: 'met' });
    expect(clock(run.state, 'police_answer')).toMatchObject({ dueAt: '2026-03-06T15:59:59.999Z', status: 'running' });
    expectRefusal(() => step(start(), handlerChen, { type: 'record_transfer', ...transferRecord }, APPROVED), DomainErrorCode.StageTransitionNotAllowed);
    expectRefusal(
      () => step(approved(), handlerOutsider, { type: 'record_transfer', ...transferRecord }, TRANSFERRED),
      DomainErrorCode.NotCaseParticipant,
    );
    expectRefusal(
      () => step(approved(), handlerChen, { type: 'record_transfer', ...transferRecord, materials: [] }, TRANSFERRED),
      DomainErrorCode.InvalidInput,
      'materials',
    );
    expectRefusal(
      () => step(approved(), handlerChen, { type: 'record_transfer', materials: ['移送书'] } as never, TRANSFERRED),
      DomainErrorCode.InvalidInput,
      'policeOrgan',
    );
  });

  it('misses its 24 hours to the minute, not to the end of a day', () => {
    const run = approved();
    expect(dueJudicialTransferClockEvent(run.state, '2026-03-04T01:59:59.999Z', calendar)).toBeUndefined();
    expect(dueJudicialTransferClockEvent(run.state, '2026-03-04T02:00:00.001Z', calendar)?.data).toEqual({
      type: 'deadline_missed',
      clock: 'transfer',
      dueAt: '2026-03-04T02:00:00.000Z',
    });
  });
});

describe('the police’s answer', () => {
  it('is recorded with the police’s document number; acceptance ends the transfer', () => {
    const run = step(transferred(), handlerLi, { type: 'record_police_answer', answer: 'accepted', documentNumber: '沪公(浦)立字〔2026〕88号' }, ANSWERED);
    expect(run.state).toMatchObject({
      status: 'closed',
      outcome: 'accepted_by_police',
      policeAnswer: { answer: 'accepted', documentNumber: '沪公(浦)立字〔2026〕88号', recordedBy: 'li' },
    });
    expect(clock(run.state, 'police_answer')).toMatchObject({ status: 'met' });
    expectRefusal(
      () => step(transferred(), handlerLi, { type: 'record_police_answer', answer: 'accepted' } as never, ANSWERED),
      DomainErrorCode.InvalidInput,
      'documentNumber',
    );
    expectRefusal(
      () => step(transferred(), handlerLi, { type: 'record_police_answer', answer: 'maybe', documentNumber: 'x' } as never, ANSWERED),
      DomainErrorCode.InvalidInput,
      'answer',
    );
    expectRefusal(
      () => step(approved(), handlerLi, { type: 'record_police_answer', answer: 'accepted', documentNumber: 'x' }, ANSWERED),
      DomainErrorCode.StageTransitionNotAllowed,
    );
  });

  it('after a refusal opens 3 days in which the agency may ask for review', () => {
    const run = policeRefused();
    expect(run.state.status).toBe('police_refused');
    expect(clock(run.state, 'review_request')).toMatchObject({ nature: 'window', dueAt: '2026-03-09T15:59:59.999Z' });
    const requested = step(run, handlerChen, { type: 'request_review', reason: 'Sales records prove the amount', documentNumber: '复议申请〔2026〕1号' }, REVIEW);
    expect(requested.state).toMatchObject({ status: 'closed', outcome: 'review_requested', review: { requested: true } });
    expect(clock(requested.state, 'review_request')).toMatchObject({ status: 'met' });
    const declined = step(run, handlerChen, { type: 'decline_review', reason: 'The refusal is well founded' }, REVIEW);
    expect(declined.state).toMatchObject({ status: 'closed', outcome: 'refused_by_police', review: { requested: false } });
    expectRefusal(() => step(run, handlerChen, { type: 'request_review', reason: '' }, REVIEW), DomainErrorCode.InvalidInput, 'reason');
    expectRefusal(() => step(run, head, { type: 'request_review', reason: 'r' }, REVIEW), DomainErrorCode.RoleNotPermitted);
  });

  it('closes the transfer when the review window lapses unused, and refuses a review asked for after it', () => {
    const lapsed = passTime(policeRefused(), '2026-03-10T00:00:00.000Z');
    expect(lapsed.events.slice(-1)[0]).toMatchObject({
      statusBefore: 'police_refused',
      statusAfter: 'closed',
      data: { type: 'window_lapsed', clock: 'review_request', dueAt: '2026-03-09T15:59:59.999Z' },
    });
    expect(lapsed.state).toMatchObject({ status: 'closed', outcome: 'refused_by_police', closedAt: '2026-03-10T00:00:00.000Z' });
    expectRefusal(() => step(lapsed, handlerChen, { type: 'request_review', reason: 'late' }, '2026-03-10T00:00:00.000Z'), DomainErrorCode.CaseClosed);
    // A lapsed window is the end of an option, not a missed deadline.
    expect(judicialTransferReport(lapsed.state).missedDeadlines).toEqual([]);
  });

  it('records the police’s 3 days passing as a fact, and keeps waiting for their answer', () => {
    const missed = passTime(transferred(), '2026-03-07T00:00:00.000Z');
    expect(missed.events.slice(-1)[0]?.data).toEqual({ type: 'deadline_missed', clock: 'police_answer', dueAt: '2026-03-06T15:59:59.999Z' });
    expect(missed.state.status).toBe('transferred');
    expect(judicialTransferReport(missed.state).missedDeadlines).toEqual(['police_answer']);
  });
});

describe('the record', () => {
  it('numbers events in order, takes nothing after closing and is rebuilt from its events', () => {
    const run = step(policeRefused(), handlerChen, { type: 'request_review', reason: 'Sales records prove the amount' }, REVIEW);
    expect(run.events.map((event) => [event.sequence, event.data.type, event.statusAfter])).toEqual([
      [1, 'crime_reported', 'reported'],
      [2, 'judicial_transfer_approved', 'approved'],
      [3, 'case_transferred_to_police', 'transferred'],
      [4, 'police_answer_recorded', 'police_refused'],
      [5, 'review_requested', 'closed'],
    ]);
    expectRefusal(() => step(run, handlerChen, { type: 'decline_review', reason: 'r' }, REVIEW), DomainErrorCode.CaseClosed);
    expect(replayJudicialTransfer(run.events)).toEqual(run.state);
  });

  it('refuses a step decided on a stale version', () => {
    expectRefusal(
      () => decideJudicialTransfer(start().state, { type: 'approve_transfer' }, { actor: head, now: APPROVED, calendar, expectedVersion: 3 }),
      DomainErrorCode.VersionConflict,
      'expectedVersion',
    );
  });

  it('offers each person the steps their role, team membership and the status allow', () => {
    expect(availableJudicialTransferCommands(start().state, head)).toEqual(['approve_transfer', 'refuse_transfer']);
    expect(availableJudicialTransferCommands(approved().state, handlerChen)).toEqual(['record_transfer']);
    expect(availableJudicialTransferCommands(approved().state, handlerOutsider)).toEqual([]);
    expect(availableJudicialTransferCommands(policeRefused().state, handlerLi)).toEqual(['request_review', 'decline_review']);
    expect(availableJudicialTransferCommands(policeRefused().state, { ...handlerLi, agencyId: 'agency-b' })).toEqual([]);
  });

  it('closes with a report of the outcome and every period kept or missed', () => {
    const run = step(policeRefused(), handlerChen, { type: 'decline_review', reason: 'well founded' }, REVIEW);
    expect(judicialTransferReport(run.state)).toEqual({
      transferId: 'case-1/judicial-transfer',
      kind: 'judicial_transfer',
      parentCaseId: 'case-1',
      agencyId: AGENCY,
      outcome: 'refused_by_police',
      startedAt: REPORTED,
      closedAt: REVIEW,
      version: 5,
      policyVersion: 'default',
      suspectedOffence: report.suspectedOffence,
      policeOrgan: '浦东公安分局',
      policeDocumentNumber: '沪公(浦)不立字〔2026〕17号',
      missedDeadlines: [],
      clocks: [
        expect.objectContaining({ kind: 'head_decision', status: 'met' }),
        expect.objectContaining({ kind: 'transfer', status: 'met' }),
        expect.objectContaining({ kind: 'police_answer', status: 'met' }),
        expect.objectContaining({ kind: 'review_request', nature: 'window', status: 'met' }),
      ],
    });
  });
});
