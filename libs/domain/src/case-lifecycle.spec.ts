import {
  CaseStage,
  DomainError,
  DomainErrorCode,
  applyCommand,
  availableCommands,
  canReadCase,
  missedDeadlineEvent,
  registerCase,
  replayEvents,
  type Actor,
  type CaseCommand,
  type CaseEvent,
  type CaseState,
} from './index';

const AGENCY = 'agency-a';
const handlerLi: Actor = { userId: 'li', role: 'handler', agencyId: AGENCY };
const handlerChen: Actor = { userId: 'chen', role: 'handler', agencyId: AGENCY };
const reviewer: Actor = { userId: 'zhao', role: 'reviewer', agencyId: AGENCY };
const head: Actor = { userId: 'wang', role: 'head', agencyId: AGENCY };

const T0 = '2026-01-05T09:00:00.000Z';
const LATER = '2026-01-06T09:00:00.000Z';

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
  state: CaseState;
  events: CaseEvent[];
}

function start(): Run {
  const { state, event } = registerCase(registrationInput, handlerLi, T0);
  return { state, events: [event] };
}

function step(run: Run, actor: Actor, command: CaseCommand, now = LATER): Run {
  const { state, event } = applyCommand(run.state, command, { actor, now });
  return { state, events: [...run.events, event] };
}

function toInvestigation(): Run {
  let run = start();
  run = step(run, head, { type: 'approve_filing', reason: 'violation likely' });
  return step(run, head, { type: 'assign_handlers', handlers });
}

function toNotice(): Run {
  let run = toInvestigation();
  run = step(run, handlerLi, { type: 'submit_investigation_report', findings: 'found', proposedOutcome: 'penalty', proposedFine: 5000 });
  return step(run, reviewer, { type: 'decide_legal_review', outcome: 'approve', opinion: 'lawful' });
}

describe('registration (线索登记)', () => {
  it('opens a case in the clue stage at version 1', () => {
    const { state, event } = registerCase(registrationInput, handlerLi, T0);
    expect(state.stage).toBe(CaseStage.Clue);
    expect(state.version).toBe(1);
    expect(event).toMatchObject({ sequence: 1, stageBefore: null, stageAfter: 'clue', data: { type: 'case_registered' } });
  });

  it('is for a handler of the agency that received the clue', () => {
    expectRefusal(() => registerCase(registrationInput, head, T0), DomainErrorCode.RoleNotPermitted);
    expectRefusal(
      () => registerCase(registrationInput, { ...handlerLi, agencyId: 'agency-b' }, T0),
      DomainErrorCode.AgencyMismatch,
    );
  });

  it('names the field that is missing or malformed', () => {
    expectRefusal(() => registerCase({ ...registrationInput, summary: '  ' }, handlerLi, T0), DomainErrorCode.InvalidInput, 'summary');
    expectRefusal(() => registerCase({ ...registrationInput, source: 'rumour' }, handlerLi, T0), DomainErrorCode.InvalidInput, 'source');
    expectRefusal(
      () => registerCase({ ...registrationInput, party: { type: 'organization' } }, handlerLi, T0),
      DomainErrorCode.InvalidInput,
      'party.name',
    );
  });
});

describe('the thin path: filing → investigation → review → notice → decision → closing', () => {
  it('moves through each stage with one event per step, numbered in order', () => {
    let run = toNotice();
    expect(run.state.stage).toBe(CaseStage.Notice);
    run = step(run, handlerChen, { type: 'close_notice', partyResponse: 'waived' });
    run = step(run, head, { type: 'decide_case', outcome: 'penalty', fine: 5000, reasoning: 'Art. 124' });
    expect(run.state.stage).toBe(CaseStage.Decided);
    run = step(run, head, { type: 'close_case', summary: 'paid' });
    expect(run.state.stage).toBe(CaseStage.Closed);
    expect(run.events.map((event) => [event.sequence, event.stageAfter])).toEqual([
      [1, 'clue'],
      [2, 'filed'],
      [3, 'investigation'],
      [4, 'legal_review'],
      [5, 'notice'],
      [6, 'notice'],
      [7, 'decided'],
      [8, 'closed'],
    ]);
    expect(run.state.decision).toMatchObject({ outcome: 'penalty', fine: 5000, decidedBy: 'wang' });
  });

  it('ends the case when the head declines to file', () => {
    const run = step(start(), head, { type: 'decline_filing', reason: 'no fault' });
    expect(run.state.stage).toBe(CaseStage.NotFiled);
    expectRefusal(() => step(run, head, { type: 'approve_filing', reason: 'changed my mind' }), DomainErrorCode.CaseClosed);
  });

  it('sends a returned case back to investigation, and the resubmitted report to review again', () => {
    let run = toInvestigation();
    run = step(run, handlerLi, { type: 'submit_investigation_report', findings: 'thin', proposedOutcome: 'penalty' });
    run = step(run, reviewer, { type: 'decide_legal_review', outcome: 'return', opinion: 'evidence insufficient' });
    expect(run.state.stage).toBe(CaseStage.Investigation);
    run = step(run, handlerChen, { type: 'submit_investigation_report', findings: 'more', proposedOutcome: 'penalty' });
    expect(run.state.stage).toBe(CaseStage.LegalReview);
    expect(run.state.reviews.map((review) => review.outcome)).toEqual(['returned']);
  });
});

describe('rules refused with a code', () => {
  it('a step in the wrong stage: STAGE_TRANSITION_NOT_ALLOWED', () => {
    expectRefusal(() => step(start(), head, { type: 'close_case', summary: 'x' }), DomainErrorCode.StageTransitionNotAllowed);
  });

  it('the head approves filing, not a handler: ROLE_NOT_PERMITTED', () => {
    expectRefusal(() => step(start(), handlerLi, { type: 'approve_filing', reason: 'x' }), DomainErrorCode.RoleNotPermitted);
  });

  it('another agency’s head: AGENCY_MISMATCH', () => {
    expectRefusal(
      () => step(start(), { ...head, agencyId: 'agency-b' }, { type: 'approve_filing', reason: 'x' }),
      DomainErrorCode.AgencyMismatch,
    );
  });

  describe('APL 42, 55: two handlers with unexpired certificates before investigation', () => {
    const filed = (): Run => step(start(), head, { type: 'approve_filing', reason: 'x' });

    it('refuses a single handler', () => {
      expectRefusal(
        () => step(filed(), head, { type: 'assign_handlers', handlers: [handlers[0]] }),
        DomainErrorCode.TwoCertifiedHandlersRequired,
        'handlers',
      );
    });

    it('refuses a handler whose certificate has expired', () => {
      const expired = [handlers[0], { ...handlers[1], certificateExpiresAt: '2025-12-31T00:00:00.000Z' }];
      expectRefusal(() => step(filed(), head, { type: 'assign_handlers', handlers: expired }), DomainErrorCode.TwoCertifiedHandlersRequired);
    });

    it('refuses the same handler twice', () => {
      expectRefusal(
        () => step(filed(), head, { type: 'assign_handlers', handlers: [handlers[0], handlers[0]] }),
        DomainErrorCode.TwoCertifiedHandlersRequired,
      );
    });
  });

  it('APL 58: a reviewer never reviews a case they handle: FOUR_EYES_VIOLATION', () => {
    let run = toInvestigation();
    run = step(run, handlerLi, { type: 'submit_investigation_report', findings: 'x', proposedOutcome: 'no_penalty' });
    expectRefusal(
      () => step(run, { ...handlerLi, role: 'reviewer' }, { type: 'decide_legal_review', outcome: 'approve', opinion: 'ok' }),
      DomainErrorCode.FourEyesViolation,
    );
  });

  it('only an assigned handler submits the report: NOT_CASE_PARTICIPANT', () => {
    const stranger: Actor = { userId: 'zhou', role: 'handler', agencyId: AGENCY };
    expectRefusal(
      () => step(toInvestigation(), stranger, { type: 'submit_investigation_report', findings: 'x', proposedOutcome: 'penalty' }),
      DomainErrorCode.NotCaseParticipant,
    );
  });

  it('APL 44, 45: no decision before the party has been heard: NOTICE_NOT_CLOSED', () => {
    expectRefusal(
      () => step(toNotice(), head, { type: 'decide_case', outcome: 'penalty', reasoning: 'x' }),
      DomainErrorCode.NoticeNotClosed,
    );
  });

  it('a fine belongs only to a penalty, and is a sane amount', () => {
    let run = toInvestigation();
    expectRefusal(
      () => step(run, handlerLi, { type: 'submit_investigation_report', findings: 'x', proposedOutcome: 'no_penalty', proposedFine: 10 }),
      DomainErrorCode.InvalidInput,
      'proposedFine',
    );
    expectRefusal(
      () => step(run, handlerLi, { type: 'submit_investigation_report', findings: 'x', proposedOutcome: 'penalty', proposedFine: -1 }),
      DomainErrorCode.InvalidInput,
      'proposedFine',
    );
    expectRefusal(
      () => step(run, handlerLi, { type: 'submit_investigation_report', findings: 'x', proposedOutcome: 'penalty', proposedFine: 10.005 }),
      DomainErrorCode.InvalidInput,
      'proposedFine',
    );
    run = step(run, handlerLi, { type: 'submit_investigation_report', findings: 'x', proposedOutcome: 'penalty', proposedFine: 10.05 });
    expect(run.state.report?.proposedFine).toBe(10.05);
  });

  it('a stale expected version: VERSION_CONFLICT', () => {
    const run = start();
    expect(() => applyCommand(run.state, { type: 'approve_filing', reason: 'x' }, { actor: head, now: LATER, expectedVersion: 1 })).not.toThrow();
    expectRefusal(
      () => applyCommand(run.state, { type: 'approve_filing', reason: 'x' }, { actor: head, now: LATER, expectedVersion: 2 }),
      DomainErrorCode.VersionConflict,
      'expectedVersion',
    );
  });
});

describe('the decision clock (APL 60)', () => {
  it('starts at filing with 90 natural days', () => {
    const run = step(start(), head, { type: 'approve_filing', reason: 'x' }, '2026-01-10T00:00:00.000Z');
    expect(run.state.deadlines).toEqual([
      { kind: 'decision', startedAt: '2026-01-10T00:00:00.000Z', dueAt: '2026-04-10T00:00:00.000Z', status: 'running' },
    ]);
  });

  it('is recorded as missed only once the due time has passed', () => {
    const run = step(start(), head, { type: 'approve_filing', reason: 'x' }, '2026-01-10T00:00:00.000Z');
    expect(missedDeadlineEvent(run.state, '2026-04-09T23:59:59.999Z')).toBeUndefined();
    const missed = missedDeadlineEvent(run.state, '2026-04-10T00:00:00.000Z');
    expect(missed).toMatchObject({ actor: { userId: 'system', role: 'system' }, data: { type: 'deadline_missed', kind: 'decision' } });
  });

  it('is met by the decision', () => {
    let run = toNotice();
    run = step(run, handlerLi, { type: 'close_notice', partyResponse: 'statement', statement: 'We corrected it at once' });
    run = step(run, head, { type: 'decide_case', outcome: 'no_penalty', reasoning: 'first violation' });
    expect(run.state.deadlines[0]).toMatchObject({ status: 'met', settledAt: LATER });
    expect(missedDeadlineEvent(run.state, '2030-01-01T00:00:00.000Z')).toBeUndefined();
  });
});

describe('derived views', () => {
  it('replaying the recorded events rebuilds the same state', () => {
    const run = toNotice();
    expect(replayEvents(run.events)).toEqual(run.state);
  });

  it('shows a case to its own agency and to supervision staff only', () => {
    const { state } = start();
    expect(canReadCase(state, reviewer)).toBe(true);
    expect(canReadCase(state, { ...head, agencyId: 'agency-b' })).toBe(false);
    expect(canReadCase(state, { userId: 'qian', role: 'auditor', agencyId: 'supervision' })).toBe(true);
  });

  it('lists the commands an actor may take now', () => {
    const run = toNotice();
    expect(availableCommands(run.state, handlerLi)).toEqual(['close_notice']);
    expect(availableCommands(run.state, head)).toEqual([]);
    expect(availableCommands(run.state, reviewer)).toEqual([]);
    expect(availableCommands(start().state, head)).toEqual(['approve_filing', 'decline_filing']);
  });
});
