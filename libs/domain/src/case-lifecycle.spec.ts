import {
  CaseStage,
  DomainError,
  DomainErrorCode,
  PRC_WORKING_CALENDAR_YEARS,
  applyCommand,
  availableCommands,
  canReadCase,
  clockAlarmEvent,
  createWorkingCalendar,
  defaultAgencyPolicy,
  evolve,
  mergePolicy,
  parseDiscretionBenchmark,
  policyAppliedEvent,
  registerCase,
  replayEvents,
  type Actor,
  type CaseCommand,
  type CaseEvent,
  type CaseState,
  type ClockContext,
} from './index';

const AGENCY = 'agency-a';
const handlerLi: Actor = { userId: 'li', role: 'handler', agencyId: AGENCY };
const handlerChen: Actor = { userId: 'chen', role: 'handler', agencyId: AGENCY };
const reviewer: Actor = { userId: 'zhao', role: 'reviewer', agencyId: AGENCY };
const head: Actor = { userId: 'wang', role: 'head', agencyId: AGENCY };
const deputyHead: Actor = { userId: 'sun', role: 'head', agencyId: AGENCY };
const hearingOfficer: Actor = { userId: 'zhou', role: 'hearing_officer', agencyId: AGENCY };

const clocks: ClockContext = { policy: defaultAgencyPolicy(AGENCY), calendar: createWorkingCalendar(PRC_WORKING_CALENDAR_YEARS) };

/** Monday 2026-03-02, 09:00 China time. */
const T0 = '2026-03-02T01:00:00.000Z';
const DAY = 86_400_000;
const at = (days: number): string => new Date(Date.parse(T0) + days * DAY).toISOString();

const registrationInput = {
  caseId: 'case-1',
  agencyId: AGENCY,
  source: 'complaint',
  summary: 'Expired food on sale',
  party: { type: 'organization', name: 'Shop Ltd' },
};

const handlers = [
  { userId: 'li', certificateNumber: 'C-1', certificateExpiresAt: '2030-01-01T00:00:00.000Z' },
  { userId: 'chen', certificateNumber: 'C-2', certificateExpiresAt: '2030-01-01T00:00:00.000Z' },
];

function refusal(action: () => unknown): DomainError {
  try {
    action();
  } catch (error) {
    if (error instanceof DomainError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected the step to be refused');
}

function expectRefusal(action: () => unknown, code: DomainErrorCode, field?: string): void {
  const error = refusal(action);
  expect(error.code).toBe(code);
  if (field !== undefined) {
    expect(error.field).toBe(field);
  }
}

interface Run {
  state: CaseState;
  events: CaseEvent[];
}

function start(): Run {
  const { state, event } = registerCase(registrationInput, handlerLi, T0, clocks);
  return { state, events: [event] };
}

function step(run: Run, actor: Actor, command: CaseCommand, now = at(1), context = clocks): Run {
  const { state, event } = applyCommand(run.state, command, { ...context, actor, now });
  return { state, events: [...run.events, event] };
}

function record(run: Run, event: CaseEvent | undefined): Run {
  if (event === undefined) {
    throw new Error('expected an event');
  }
  return { state: evolve(run.state, event), events: [...run.events, event] };
}

function toInvestigation(): Run {
  let run = start();
  run = step(run, head, { type: 'approve_filing', reason: 'violation likely' });
  return step(run, head, { type: 'assign_handlers', handlers });
}

type Report = Extract<CaseCommand, { type: 'submit_investigation_report' }>;
const penaltyReport: Report = { type: 'submit_investigation_report', findings: 'found', proposedOutcome: 'penalty', proposedFine: 60_000 };

function toNotice(report: Report = penaltyReport): Run {
  let run = step(toInvestigation(), handlerLi, report, at(10));
  if (run.state.stage === CaseStage.LegalReview) {
    run = step(run, reviewer, { type: 'decide_legal_review', verdict: 'approve', opinion: 'lawful' }, at(12));
  }
  return run;
}

function toDecided(): Run {
  let run = step(toNotice(), handlerChen, { type: 'close_notice', partyResponse: 'waived' }, at(13));
  run = step(run, head, { type: 'decide_case', outcome: 'penalty', fine: 60_000, reasoning: 'Art. 124', publish: true }, at(14));
  return run;
}

describe('registration (线索登记)', () => {
  it('opens a case in the clue stage, under the agency policy in force, with the filing clock running', () => {
    const { state, event } = registerCase(registrationInput, handlerLi, T0, clocks);
    expect(state).toMatchObject({ stage: 'clue', version: 1, policyVersion: 'default' });
    expect(event).toMatchObject({ sequence: 1, stageBefore: null, stageAfter: 'clue', data: { type: 'case_registered' } });
    // 15 working days from Monday 2026-03-02: Monday 2026-03-23, end of day China time.
    expect(state.deadlines).toEqual([
      expect.objectContaining({ kind: 'filing_decision', status: 'running', dueAt: '2026-03-23T15:59:59.999Z' }),
    ]);
  });

  it('is for a handler of the agency that received the clue', () => {
    expectRefusal(() => registerCase(registrationInput, head, T0, clocks), DomainErrorCode.RoleNotPermitted);
    expectRefusal(() => registerCase(registrationInput, { ...handlerLi, agencyId: 'agency-b' }, T0, clocks), DomainErrorCode.AgencyMismatch);
  });

  it('names the field that is missing or malformed', () => {
    expectRefusal(() => registerCase({ ...registrationInput, summary: '  ' }, handlerLi, T0, clocks), DomainErrorCode.InvalidInput, 'summary');
    expectRefusal(() => registerCase({ ...registrationInput, source: 'rumour' }, handlerLi, T0, clocks), DomainErrorCode.InvalidInput, 'source');
    expectRefusal(
      () => registerCase({ ...registrationInput, party: { type: 'organization' } }, handlerLi, T0, clocks),
      DomainErrorCode.InvalidInput,
      'party.name',
    );
  });
});

describe('filing (立案, APL 54; SAMR Art. 18)', () => {
  it('the head files the case and the 90-day decision clock starts (APL 60)', () => {
    const run = step(start(), head, { type: 'approve_filing', reason: 'x' }, '2026-03-02T02:00:00.000Z');
    expect(run.state.stage).toBe('filed');
    expect(run.state.deadlines.find((deadline) => deadline.kind === 'decision')).toMatchObject({
      status: 'running',
      // Day 90 is Sunday 2026-05-31: the deadline moves to the end of Monday 2026-06-01.
      dueAt: '2026-06-01T15:59:59.999Z',
    });
    expect(run.state.deadlines.find((deadline) => deadline.kind === 'filing_decision')?.status).toBe('met');
  });

  it('declining to file ends the case', () => {
    const run = step(start(), head, { type: 'decline_filing', reason: 'no fault' });
    expect(run.state.stage).toBe(CaseStage.NotFiled);
    expectRefusal(() => step(run, head, { type: 'approve_filing', reason: 'changed my mind' }), DomainErrorCode.CaseClosed);
  });

  it('the filing period is extended once by 15 working days, and not twice', () => {
    const run = step(start(), head, { type: 'extend_filing_period', reason: 'testing under way' });
    expect(run.state.deadlines[0]).toMatchObject({ dueAt: '2026-04-14T15:59:59.999Z' });
    expectRefusal(() => step(run, head, { type: 'extend_filing_period', reason: 'again' }), DomainErrorCode.ExtensionNotAllowed);
  });

  it('only the head approves filing', () => {
    expectRefusal(() => step(start(), handlerLi, { type: 'approve_filing', reason: 'x' }), DomainErrorCode.RoleNotPermitted);
  });
});

describe('APL 36: the limitation period', () => {
  const late = (extra: object) => registerCase({ ...registrationInput, ...extra }, handlerLi, T0, clocks);

  it('an act undiscovered for more than 2 years is not filed for a penalty', () => {
    const { state } = late({ violationEndedAt: '2024-03-01T00:00:00.000Z' });
    expectRefusal(() => applyCommand(state, { type: 'approve_filing', reason: 'x' }, { ...clocks, actor: head, now: at(1) }), DomainErrorCode.LimitationPeriodExpired);
    expect(applyCommand(state, { type: 'decline_filing', reason: 'APL 36' }, { ...clocks, actor: head, now: at(1) }).state.stage).toBe('not_filed');
  });

  it('five years where the act touches life, health or finance', () => {
    const { state } = late({ violationEndedAt: '2024-03-01T00:00:00.000Z', touchesLifeHealthOrFinance: true });
    expect(applyCommand(state, { type: 'approve_filing', reason: 'x' }, { ...clocks, actor: head, now: at(1) }).state.stage).toBe('filed');
    const older = late({ violationEndedAt: '2021-03-01T00:00:00.000Z', touchesLifeHealthOrFinance: true }).state;
    expectRefusal(() => applyCommand(older, { type: 'approve_filing', reason: 'x' }, { ...clocks, actor: head, now: at(1) }), DomainErrorCode.LimitationPeriodExpired);
  });
});

describe('APL 56: evidence registered for preservation is dealt with within 7 working days', () => {
  it('starts a clock that the disposal meets, and one preservation at a time', () => {
    let run = step(toInvestigation(), handlerLi, { type: 'register_preservation', items: ['12 packs of sausage'] }, at(2));
    // Wednesday 2026-03-04 + 7 working days: Friday 2026-03-13.
    expect(run.state.deadlines.find((deadline) => deadline.kind === 'preservation')).toMatchObject({ status: 'running', dueAt: '2026-03-13T15:59:59.999Z' });
    expectRefusal(() => step(run, handlerChen, { type: 'register_preservation', items: ['more'] }, at(3)), DomainErrorCode.StageTransitionNotAllowed);
    run = step(run, handlerChen, { type: 'dispose_preservation', measure: 'seized' }, at(5));
    expect(run.state.deadlines.find((deadline) => deadline.kind === 'preservation')?.status).toBe('met');
    expect(run.state.preservations).toEqual([expect.objectContaining({ disposal: expect.objectContaining({ measure: 'seized', by: 'chen' }) as unknown })]);
  });

  it('a preservation not dealt with in time is recorded as missed (the preservation lapses)', () => {
    let run = step(toInvestigation(), handlerLi, { type: 'register_preservation', items: ['scales'] }, at(2));
    const due = run.state.deadlines.find((deadline) => deadline.kind === 'preservation')?.dueAt ?? '';
    const later = new Date(Date.parse(due) + 1).toISOString();
    run = record(run, clockAlarmEvent(run.state, later));
    run = record(run, clockAlarmEvent(run.state, later));
    expect(run.events.slice(-2).map((event) => event.data.type)).toEqual(['deadline_warned', 'deadline_missed']);
    expect(run.state.deadlines.find((deadline) => deadline.kind === 'preservation')?.status).toBe('missed');
  });
});

describe('APL 42, 55: two handlers with unexpired certificates before investigation', () => {
  const filed = (): Run => step(start(), head, { type: 'approve_filing', reason: 'x' });

  it('accepts two certified handlers', () => {
    expect(step(filed(), head, { type: 'assign_handlers', handlers }).state.stage).toBe('investigation');
  });

  it('refuses a single handler', () => {
    expectRefusal(() => step(filed(), head, { type: 'assign_handlers', handlers: [handlers[0]] }), DomainErrorCode.TwoCertifiedHandlersRequired, 'handlers');
  });

  it('refuses a handler whose certificate has expired', () => {
    const expired = [handlers[0], { ...handlers[1], certificateExpiresAt: '2026-01-31T00:00:00.000Z' }];
    expectRefusal(() => step(filed(), head, { type: 'assign_handlers', handlers: expired }), DomainErrorCode.TwoCertifiedHandlersRequired);
  });

  it('refuses the same handler twice', () => {
    expectRefusal(() => step(filed(), head, { type: 'assign_handlers', handlers: [handlers[0], handlers[0]] }), DomainErrorCode.TwoCertifiedHandlersRequired);
  });
});

describe('suspension (中止) pauses the decision clock', () => {
  it('moves the decision due date by the time suspended, and records how long it lasted', () => {
    let run = toInvestigation();
    const due = run.state.deadlines.find((deadline) => deadline.kind === 'decision')?.dueAt ?? '';
    run = step(run, head, { type: 'suspend_case', reason: 'awaiting laboratory testing' }, at(5));
    expect(run.state.deadlines.find((deadline) => deadline.kind === 'decision')?.status).toBe('paused');
    run = step(run, head, { type: 'resume_case', reason: 'results received' }, at(25));
    const resumed = run.state.deadlines.find((deadline) => deadline.kind === 'decision');
    expect(resumed?.status).toBe('running');
    expect(Date.parse(resumed?.dueAt ?? '') - Date.parse(due)).toBe(20 * DAY);
    expect(run.state.suspensions).toEqual([expect.objectContaining({ pausedDays: 20, reason: 'awaiting laboratory testing' })]);
  });

  it('is decided by the head', () => {
    expectRefusal(() => step(toInvestigation(), handlerLi, { type: 'suspend_case', reason: 'x' }), DomainErrorCode.RoleNotPermitted);
  });

  it('SAMR Art. 18: testing time before filing is not counted: the filing clock pauses and the case returns to the clue stage', () => {
    let run = step(start(), head, { type: 'suspend_case', reason: 'samples sent for testing' }, at(3));
    expect(run.state.deadlines[0]?.status).toBe('paused');
    run = step(run, head, { type: 'resume_case', reason: 'test report received' }, at(13));
    expect(run.state.stage).toBe('clue');
    expect(Date.parse(run.state.deadlines[0]?.dueAt ?? '') - Date.parse('2026-03-23T15:59:59.999Z')).toBe(10 * DAY);
  });
});

describe('recusal (回避, APL 43)', () => {
  const replacement = { userId: 'wu', certificateNumber: 'C-3', certificateExpiresAt: '2030-01-01T00:00:00.000Z' };

  it('the head decides within the policy’s period (3 days): a clock runs from the request to the decision', () => {
    let run = step(toInvestigation(), handlerChen, { type: 'request_recusal', handlerId: 'li', reason: 'related to the party' }, at(2));
    expect(run.state.deadlines.find((deadline) => deadline.kind === 'recusal_decision')).toMatchObject({ status: 'running', rule: { count: 3 } });
    run = step(run, head, { type: 'decide_recusal', handlerId: 'li', granted: false, reason: 'no interest' }, at(3));
    expect(run.state.deadlines.find((deadline) => deadline.kind === 'recusal_decision')?.status).toBe('met');
  });

  it('replaces the handler when granted, while the investigation goes on', () => {
    let run = step(toInvestigation(), handlerChen, { type: 'request_recusal', handlerId: 'li', reason: 'related to the party' });
    expect(run.state.stage).toBe('investigation');
    run = step(run, head, { type: 'decide_recusal', handlerId: 'li', granted: true, reason: 'direct interest', replacement });
    expect(run.state.handlers.map((handler) => handler.userId)).toEqual(['chen', 'wu']);
    expectRefusal(() => step(run, handlerLi, penaltyReport), DomainErrorCode.NotCaseParticipant);
  });

  it('keeps the handler when refused, and a replacement must still leave two certified handlers', () => {
    const requested = step(toInvestigation(), handlerChen, { type: 'request_recusal', handlerId: 'li', reason: 'x' });
    expect(step(requested, head, { type: 'decide_recusal', handlerId: 'li', granted: false, reason: 'no interest' }).state.handlers).toHaveLength(2);
    expectRefusal(
      () => step(requested, head, { type: 'decide_recusal', handlerId: 'li', granted: true, reason: 'x', replacement: { ...replacement, certificateExpiresAt: '2020-01-01T00:00:00.000Z' } }),
      DomainErrorCode.TwoCertifiedHandlersRequired,
    );
  });
});

describe('legal review (法制审核, APL 58)', () => {
  it('records whether review is required, and why, when the report is submitted', () => {
    const run = step(toInvestigation(), handlerLi, penaltyReport, at(10));
    expect(run.state.stage).toBe('legal_review');
    expect(run.state.report?.legalReview).toEqual({
      required: true,
      grounds: [expect.objectContaining({ code: 'fine_above_threshold' })],
    });
    expect(run.state.deadlines.find((deadline) => deadline.kind === 'legal_review')?.status).toBe('running');
  });

  it('goes straight to notice when no ground applies', () => {
    const run = step(toInvestigation(), handlerLi, { type: 'submit_investigation_report', findings: 'minor', proposedOutcome: 'penalty', proposedFine: 500 }, at(10));
    expect(run.state.stage).toBe('notice');
    expect(run.state.report?.legalReview.required).toBe(false);
  });

  it('a reviewer never reviews a case they handle (four eyes)', () => {
    const run = step(toInvestigation(), handlerLi, penaltyReport);
    expectRefusal(
      () => step(run, { ...handlerLi, role: 'reviewer' }, { type: 'decide_legal_review', verdict: 'approve', opinion: 'ok' }),
      DomainErrorCode.FourEyesViolation,
    );
  });

  it.each([
    ['return_for_investigation', 'returned'],
    ['revise_and_resubmit', 'revision_requested'],
    ['disapprove', 'disapproved'],
  ] as const)('%s sends the case back to the handlers, and the resubmitted report is reviewed again', (verdict, outcome) => {
    let run = step(toInvestigation(), handlerLi, penaltyReport);
    run = step(run, reviewer, { type: 'decide_legal_review', verdict, opinion: 'not yet' });
    expect(run.state.stage).toBe('investigation');
    expect(run.state.reviews.map((review) => review.outcome)).toEqual([outcome]);
    run = step(run, handlerChen, penaltyReport);
    expect(run.state.stage).toBe('legal_review');
  });

  it('APL 34, domain.md §5: a proposed fine is checked against the discretion benchmark and the finding shown to the reviewer', () => {
    const benchmark = parseDiscretionBenchmark({
      agencyId: AGENCY,
      version: '2026-1',
      published: true,
      publishedAt: '2026-01-05',
      items: [
        {
          violationCode: 'F-001',
          title: 'Selling food past its use-by date',
          legalBasis: 'Food Safety Law Art. 124',
          statutoryRange: { min: 20_000, max: 200_000 },
          tiers: [
            { severity: 'minor', range: { min: 20_000, max: 50_000 } },
            { severity: 'ordinary', range: { min: 50_000, max: 100_000 } },
            { severity: 'grave', range: { min: 100_000, max: 200_000 } },
          ],
        },
      ],
      firstViolationNoPenalty: [],
      minorNoPenalty: [],
    });
    const withBenchmark = { ...clocks, benchmark };
    let run: Run = { state: registerCase({ ...registrationInput, violationCode: 'F-001' }, handlerLi, T0, withBenchmark).state, events: [] };
    run = step(run, head, { type: 'approve_filing', reason: 'x' }, at(1), withBenchmark);
    run = step(run, head, { type: 'assign_handlers', handlers }, at(1), withBenchmark);
    const above = step(run, handlerLi, { ...penaltyReport, proposedFine: 120_000, severity: 'ordinary' }, at(2), withBenchmark);
    // Outside the range is a finding for the reviewer, not a refusal.
    expect(above.state.stage).toBe('legal_review');
    expect(above.state.report?.benchmarkFinding).toMatchObject({ status: 'above_range', range: { min: 50_000, max: 100_000 } });
    const within = step(run, handlerLi, { ...penaltyReport, proposedFine: 60_000, severity: 'ordinary' }, at(2), withBenchmark);
    expect(within.state.report?.benchmarkFinding.status).toBe('within_range');
    expect(step(run, handlerLi, penaltyReport, at(2)).state.report?.benchmarkFinding.status).toBe('no_benchmark');
  });

  it('an approval with checklist items unmet is refused', () => {
    const run = step(toInvestigation(), handlerLi, penaltyReport);
    const error = refusal(() =>
      step(run, reviewer, { type: 'decide_legal_review', verdict: 'approve', opinion: 'ok', checklist: { clear_facts: false } }),
    );
    expect(error.code).toBe(DomainErrorCode.InvalidInput);
  });
});

describe('notice, statement and defence (告知, 陈述申辩, APL 44, 45)', () => {
  it('no decision before the party has been heard', () => {
    expectRefusal(() => step(toNotice(), head, { type: 'decide_case', outcome: 'penalty', fine: 1, reasoning: 'x' }), DomainErrorCode.NoticeNotClosed);
  });

  it('silence is a waiver: the notice closes when the response period runs out', () => {
    let run = toNotice();
    const responseDue = run.state.deadlines.find((deadline) => deadline.kind === 'notice_response');
    run = record(run, clockAlarmEvent(run.state, responseDue?.warnAt ?? ''));
    run = record(run, clockAlarmEvent(run.state, new Date(Date.parse(responseDue?.dueAt ?? '') + 1).toISOString()));
    expect(run.state.notice).toMatchObject({ closure: 'silence' });
    expect(run.events.slice(-2).map((event) => event.data.type)).toEqual(['deadline_warned', 'deadline_missed']);
  });

  it('the penalty may not be increased because the party defended (APL 45)', () => {
    const run = step(toNotice(), handlerLi, { type: 'close_notice', partyResponse: 'statement', statement: 'We corrected it at once' });
    expectRefusal(
      () => step(run, head, { type: 'decide_case', outcome: 'penalty', fine: 70_000, reasoning: 'x' }),
      DomainErrorCode.PenaltyIncreasedAfterDefence,
      'fine',
    );
    expect(step(run, head, { type: 'decide_case', outcome: 'penalty', fine: 40_000, reasoning: 'x' }).state.decision?.fine).toBe(40_000);
  });
});

describe('hearing (听证, APL 63–65)', () => {
  it('a hearing-eligible penalty, requested within the window, goes to a hearing that pauses the decision clock', () => {
    let run = step(toNotice(), handlerLi, { type: 'request_hearing' }, at(13));
    expect(run.state.stage).toBe('hearing');
    expect(run.state.deadlines.find((deadline) => deadline.kind === 'decision')?.status).toBe('paused');
    run = step(run, head, { type: 'schedule_hearing', officerId: 'zhou', scheduledFor: at(30), public: true }, at(14));
    run = step(run, hearingOfficer, { type: 'record_hearing', outcome: 'held', record: 'party heard' }, at(30));
    expect(run.state.deadlines.find((deadline) => deadline.kind === 'decision')?.status).toBe('running');
    expect(step(run, head, { type: 'decide_case', outcome: 'penalty', fine: 60_000, reasoning: 'x' }).state.stage).toBe('decided');
  });

  it('is not available for a small fine, nor after the window', () => {
    const small = toNotice({ type: 'submit_investigation_report', findings: 'minor', proposedOutcome: 'penalty', proposedFine: 500 });
    expectRefusal(() => step(small, handlerLi, { type: 'request_hearing' }, at(11)), DomainErrorCode.HearingNotAvailable);
    expectRefusal(() => step(toNotice(), handlerLi, { type: 'request_hearing' }, at(40)), DomainErrorCode.HearingNotAvailable);
  });

  it('the party is notified at least 7 days before, and the officer is no investigator or reviewer', () => {
    const run = step(toNotice(), handlerLi, { type: 'request_hearing' }, at(13));
    expectRefusal(() => step(run, head, { type: 'schedule_hearing', officerId: 'zhou', scheduledFor: at(16), public: true }, at(14)), DomainErrorCode.InvalidInput, 'scheduledFor');
    expectRefusal(() => step(run, head, { type: 'schedule_hearing', officerId: 'li', scheduledFor: at(40), public: true }, at(14)), DomainErrorCode.FourEyesViolation);
    expectRefusal(() => step(run, head, { type: 'schedule_hearing', officerId: 'zhao', scheduledFor: at(40), public: true }, at(14)), DomainErrorCode.FourEyesViolation);
  });
});

describe('collective discussion (集体讨论, APL 57)', () => {
  it('a grave violation is decided only after the heads have discussed it', () => {
    let run = toNotice({ ...penaltyReport, severity: 'grave' });
    run = step(run, handlerLi, { type: 'close_notice', partyResponse: 'waived' });
    expectRefusal(() => step(run, head, { type: 'decide_case', outcome: 'penalty', fine: 60_000, reasoning: 'x' }), DomainErrorCode.CollectiveDiscussionRequired);
    run = step(run, head, { type: 'record_collective_discussion', participants: ['wang', 'sun', 'qian'], conclusion: 'penalty as proposed' });
    expect(step(run, deputyHead, { type: 'decide_case', outcome: 'penalty', fine: 60_000, reasoning: 'x' }).state.stage).toBe('decided');
  });
});

describe('the decision clock (APL 60) and its extension', () => {
  it('is recorded as missed once the due time has passed, escalated to the head and listed for supervision', () => {
    const run = toInvestigation();
    const due = run.state.deadlines.find((deadline) => deadline.kind === 'decision')?.dueAt ?? '';
    let late = run;
    late = record(late, clockAlarmEvent(late.state, at(100)));
    expect(late.events[late.events.length - 1]?.data.type).toBe('deadline_warned');
    expect(clockAlarmEvent(late.state, due)).toBeUndefined();
    late = record(late, clockAlarmEvent(late.state, new Date(Date.parse(due) + 1).toISOString()));
    expect(late.events[late.events.length - 1]?.data).toEqual({ type: 'deadline_missed', kind: 'decision', dueAt: due, escalatedTo: 'head', supervisionListed: true });
  });

  it('is extended by 30 days with the head’s approval, and further only through collective discussion', () => {
    let run = toInvestigation();
    const due = run.state.deadlines.find((deadline) => deadline.kind === 'decision')?.dueAt ?? '';
    run = step(run, head, { type: 'extend_decision_period', reason: 'complex evidence' });
    expect(Date.parse(run.state.deadlines.find((deadline) => deadline.kind === 'decision')?.dueAt ?? '') - Date.parse(due)).toBeGreaterThanOrEqual(30 * DAY);
    expectRefusal(() => step(run, head, { type: 'extend_decision_period', reason: 'again' }), DomainErrorCode.ExtensionNotAllowed, 'viaCollectiveDiscussion');
    expect(step(run, head, { type: 'extend_decision_period', reason: 'again', viaCollectiveDiscussion: true }).state.decisionExtensions).toHaveLength(2);
  });

  it('is met by the decision', () => {
    expect(toDecided().state.deadlines.find((deadline) => deadline.kind === 'decision')?.status).toBe('met');
  });

  it('a new policy reaches a running clock', () => {
    const run = toInvestigation();
    const policy = mergePolicy(clocks.policy, { version: 'v2', decision: { decisionPeriod: { count: 60, unit: 'natural_days' } } });
    const applied = record(run, policyAppliedEvent(run.state, { ...clocks, policy }, at(2)));
    expect(applied.state.policyVersion).toBe('v2');
    // Day 60 is 2026-05-01, inside the Labour Day holiday (May 1–5): due at the end of Wednesday May 6.
    expect(applied.state.deadlines.find((deadline) => deadline.kind === 'decision')?.dueAt).toBe('2026-05-06T15:59:59.999Z');
  });
});

describe('service, publicity, execution, closing and archiving', () => {
  it('a published penalty is served, published, paid with the late surcharge, closed and archived', () => {
    let run = toDecided();
    expect(run.state.deadlines.filter((deadline) => deadline.status === 'running').map((deadline) => deadline.kind).sort()).toEqual(['publicity', 'service']);
    run = step(run, handlerLi, { type: 'record_service', method: 'in_person' }, at(15));
    expect(run.state.stage).toBe('publicity');
    run = step(run, handlerLi, { type: 'publish_decision' }, at(16));
    expect(run.state.stage).toBe('execution');
    const payment = run.state.deadlines.find((deadline) => deadline.kind === 'payment');
    // Paid ten days after the due date: 3% a day of ¥60,000 is ¥18,000 more.
    const paidAt = new Date(Date.parse(payment?.dueAt ?? '') + 10 * DAY).toISOString();
    run = step(run, handlerChen, { type: 'record_payment', amount: 60_000, paidAt }, paidAt);
    expect(run.events[run.events.length - 1]?.data).toMatchObject({ surcharge: 18_000, totalDue: 78_000, settled: false });
    expectRefusal(() => step(run, head, { type: 'close_case', summary: 'x' }, paidAt), DomainErrorCode.StageTransitionNotAllowed);
    run = step(run, handlerChen, { type: 'record_payment', amount: 18_000, paidAt }, paidAt);
    run = step(run, head, { type: 'close_case', summary: 'paid in full' }, paidAt);
    expect(run.state.stage).toBe('closed');
    expect(run.state.closing?.deadlines).toEqual(expect.arrayContaining([{ kind: 'decision', status: 'met' }, { kind: 'payment', status: 'met' }]));
    run = step(run, head, { type: 'archive_case', important: false }, paidAt);
    expect(run.state.stage).toBe('archived');
    expectRefusal(() => step(run, head, { type: 'withdraw_publicity', reason: 'x' }, paidAt), DomainErrorCode.CaseClosed);
  });

  it('the late surcharge never exceeds the fine (APL 72)', () => {
    let run = step(toDecided(), handlerLi, { type: 'record_service', method: 'in_person' }, at(15));
    run = step(run, handlerLi, { type: 'publish_decision' }, at(16));
    const paidAt = at(400);
    run = step(run, handlerChen, { type: 'record_payment', amount: 120_000, paidAt }, paidAt);
    expect(run.events[run.events.length - 1]?.data).toMatchObject({ surcharge: 60_000, totalDue: 120_000, settled: true });
  });

  it('a changed decision is withdrawn from publicity with reasons, on its own clock', () => {
    let run = step(toDecided(), handlerLi, { type: 'record_service', method: 'in_person' }, at(15));
    run = step(run, handlerLi, { type: 'publish_decision' }, at(16));
    run = step(run, head, { type: 'record_decision_change', kind: 'revoked', reason: 'reconsideration' }, at(20));
    expect(run.state.deadlines.find((deadline) => deadline.kind === 'publicity_withdrawal')?.status).toBe('running');
    run = step(run, handlerChen, { type: 'record_payment', amount: 60_000 }, at(20));
    const closed = step(run, head, { type: 'close_case', summary: 'paid' }, at(20));
    expectRefusal(() => step(closed, head, { type: 'archive_case', important: false }, at(20)), DomainErrorCode.StageTransitionNotAllowed);
    run = step(run, head, { type: 'withdraw_publicity', reason: 'decision revoked on reconsideration' }, at(21));
    expect(run.state.publicity).toMatchObject({ withdrawalReason: 'decision revoked on reconsideration' });
    expect(run.state.deadlines.find((deadline) => deadline.kind === 'publicity_withdrawal')?.status).toBe('met');
  });

  it('forced enforcement is applied for only after the reconsideration and lawsuit windows (60 days, 6 months)', () => {
    let run = step(toDecided(), handlerLi, { type: 'record_service', method: 'in_person' }, at(15));
    run = step(run, handlerLi, { type: 'publish_decision' }, at(16));
    expectRefusal(() => step(run, head, { type: 'apply_for_enforcement', reason: 'unpaid' }, at(100)), DomainErrorCode.EnforcementPremature);
    run = step(run, head, { type: 'apply_for_enforcement', reason: 'unpaid after six months' }, at(200));
    expect(run.state.execution).toMatchObject({ completion: 'enforcement_applied' });
    expect(step(run, head, { type: 'close_case', summary: 'enforcement applied' }, at(201)).state.stage).toBe('closed');
  });

  it('a no-penalty decision is served and closed without execution', () => {
    let run = step(toNotice(), handlerChen, { type: 'close_notice', partyResponse: 'waived' });
    run = step(run, head, { type: 'decide_case', outcome: 'no_penalty', reasoning: 'first violation, corrected (首违不罚)' });
    run = step(run, handlerLi, { type: 'record_service', method: 'by_post' });
    expect(run.state.stage).toBe('service');
    expect(step(run, head, { type: 'close_case', summary: 'no penalty' }).state.stage).toBe('closed');
  });
});

describe('rules that hold everywhere', () => {
  it('a step in the wrong stage: STAGE_TRANSITION_NOT_ALLOWED', () => {
    expectRefusal(() => step(start(), head, { type: 'close_case', summary: 'x' }), DomainErrorCode.StageTransitionNotAllowed);
  });

  it('another agency’s head: AGENCY_MISMATCH', () => {
    expectRefusal(() => step(start(), { ...head, agencyId: 'agency-b' }, { type: 'approve_filing', reason: 'x' }), DomainErrorCode.AgencyMismatch);
  });

  it('only an assigned handler submits the report: NOT_CASE_PARTICIPANT', () => {
    const stranger: Actor = { userId: 'zhou', role: 'handler', agencyId: AGENCY };
    expectRefusal(() => step(toInvestigation(), stranger, penaltyReport), DomainErrorCode.NotCaseParticipant);
  });

  it('a fine belongs only to a penalty, and is a sane amount', () => {
    const run = toInvestigation();
    expectRefusal(() => step(run, handlerLi, { ...penaltyReport, proposedOutcome: 'no_penalty', proposedFine: 10 }), DomainErrorCode.InvalidInput, 'proposedFine');
    expectRefusal(() => step(run, handlerLi, { ...penaltyReport, proposedFine: -1 }), DomainErrorCode.InvalidInput, 'proposedFine');
    expectRefusal(() => step(run, handlerLi, { ...penaltyReport, proposedFine: 10.005 }), DomainErrorCode.InvalidInput, 'proposedFine');
  });

  it('a stale expected version: VERSION_CONFLICT', () => {
    const run = start();
    expectRefusal(
      () => applyCommand(run.state, { type: 'approve_filing', reason: 'x' }, { ...clocks, actor: head, now: at(1), expectedVersion: 2 }),
      DomainErrorCode.VersionConflict,
      'expectedVersion',
    );
  });

  it('an archived case is immutable', () => {
    const closed = step(step(step(step(toNotice(), handlerChen, { type: 'close_notice', partyResponse: 'waived' }), head, { type: 'decide_case', outcome: 'not_established', reasoning: 'x' }), handlerLi, { type: 'record_service', method: 'by_post' }), head, { type: 'close_case', summary: 'x' });
    const archived = step(closed, head, { type: 'archive_case', important: true });
    expectRefusal(() => step(archived, head, { type: 'record_decision_change', kind: 'changed', reason: 'x' }), DomainErrorCode.CaseClosed);
    expect(clockAlarmEvent(archived.state, at(10_000))).toBeUndefined();
  });
});

describe('derived views', () => {
  it('replaying the recorded events rebuilds the same state', () => {
    const run = toDecided();
    expect(replayEvents(run.events)).toEqual(run.state);
  });

  it('shows a case to its own agency and to the auditors of a body supervising it only', () => {
    const { state } = start();
    const auditor = { userId: 'qian', role: 'auditor', agencyId: 'supervision' } as const;
    expect(canReadCase(state, reviewer, [])).toBe(true);
    expect(canReadCase(state, { ...head, agencyId: 'agency-b' }, [])).toBe(false);
    expect(canReadCase(state, auditor, [state.agencyId, 'agency-b'])).toBe(true);
    expect(canReadCase(state, auditor, ['agency-b'])).toBe(false);
    // Supervision reaches auditors only: a head of the supervising body does not read the case.
    expect(canReadCase(state, { ...head, agencyId: 'supervision' }, [state.agencyId])).toBe(false);
  });

  it('lists the commands an actor may take now', () => {
    const run = toNotice();
    expect(availableCommands(run.state, handlerLi, clocks, at(12))).toEqual([
      'request_recusal',
      'close_notice',
      'request_hearing',
      'start_clue_transfer',
      'start_judicial_transfer',
    ]);
    expect(availableCommands(run.state, head, clocks, at(12))).toEqual(['decide_recusal', 'extend_decision_period']);
    expect(availableCommands(start().state, head, clocks, T0)).toEqual(['approve_filing', 'decline_filing', 'extend_filing_period', 'suspend_case']);
  });
});
