import {
  DomainError,
  DomainErrorCode,
  PRC_WORKING_CALENDAR_YEARS,
  applyClueTransferCommand,
  availableClueTransferCommands,
  catchUpClueTransferClocks,
  clueTransferReport,
  createWorkingCalendar,
  decideClueTransfer,
  defaultAgencyPolicy,
  dueClueTransferClockEvent,
  evolveClueTransfer,
  replayClueTransfer,
  startClueTransfer,
  type Actor,
  type ClueTransferCommand,
  type ClueTransferEvent,
  type ClueTransferState,
} from '../index';

const AGENCY = 'agency-a';
const COMMISSION = 'cdi-pudong';
const calendar = createWorkingCalendar(PRC_WORKING_CALENDAR_YEARS);

const handlerLi: Actor = { userId: 'li', role: 'handler', agencyId: AGENCY };
const head: Actor = { userId: 'wang', role: 'head', agencyId: AGENCY };
const inspector: Actor = { userId: 'zhou', role: 'inspector', agencyId: COMMISSION };
const otherInspector: Actor = { userId: 'qian', role: 'inspector', agencyId: 'cdi-minhang' };

/** Monday 2 March 2026, 09:00 China time. */
const DISCOVERED = '2026-03-02T01:00:00.000Z';
const PROPOSED = '2026-03-02T03:00:00.000Z';
const APPROVED = '2026-03-03T02:00:00.000Z';
const TRANSFERRED = '2026-03-05T02:00:00.000Z';
const ACKNOWLEDGED = '2026-03-10T02:00:00.000Z';
const FED_BACK = '2026-03-20T02:00:00.000Z';

const proposal = {
  misconduct: { kind: 'selective_enforcement', description: 'Inspections of the rival shop only, after gifts from its competitor' },
  official: { name: '张某', position: 'section chief', organization: 'Market supervision office' },
  discoveredAt: DISCOVERED,
};

const startInput = {
  transferId: 'case-1/clue-transfer',
  parentCaseId: 'case-1',
  agencyId: AGENCY,
  policy: defaultAgencyPolicy(AGENCY),
  proposal,
};

const transferRecord = {
  materials: ['Complaint of 2026-02-27', 'Inspection records 2026-01 to 2026-02'],
  receivingBody: { id: COMMISSION, name: '浦东新区纪委监委案件监督管理室' },
};

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
  state: ClueTransferState;
  events: ClueTransferEvent[];
}

function start(input: object = startInput, actor: Actor = handlerLi, now = PROPOSED): Run {
  const { state, event } = startClueTransfer(input, actor, now, calendar);
  return { state, events: [event] };
}

function step(run: Run, actor: Actor, command: ClueTransferCommand, now: string): Run {
  const { state, event } = applyClueTransferCommand(run.state, command, { actor, now, calendar });
  return { state, events: [...run.events, event] };
}

/** Records every clock due by `now`, as the workflow's timer would. */
function passTime(run: Run, now: string): Run {
  const { state, events } = catchUpClueTransferClocks(run.state, now, calendar);
  return { state, events: [...run.events, ...events] };
}

const approved = (): Run => step(start(), head, { type: 'approve_transfer', opinion: 'Transfer as required by Art. 34' }, APPROVED);
const transferred = (): Run => step(approved(), handlerLi, { type: 'record_transfer', ...transferRecord }, TRANSFERRED);
const acknowledged = (): Run => step(transferred(), inspector, { type: 'acknowledge_receipt' }, ACKNOWLEDGED);

const clock = (state: ClueTransferState, kind: string) => state.clocks.find((candidate) => candidate.kind === kind);

describe('proposing a clue transfer (线索移送, Supervision Law Art. 34)', () => {
  it('is the first event, by a handler of the agency, and starts the transfer period at discovery', () => {
    const { state, events } = start();
    expect(state).toMatchObject({ status: 'proposed', version: 1, parentCaseId: 'case-1', policyVersion: 'default' });
    expect(events).toEqual([
      expect.objectContaining({ sequence: 1, statusBefore: null, statusAfter: 'proposed', actor: { userId: 'li', role: 'handler' } }),
    ]);
    // 15 working days after Monday 2 March: Monday 23 March, to 24:00 China time.
    expect(clock(state, 'transfer')).toMatchObject({
      nature: 'deadline',
      basis: 'clueTransfer.transferPeriod',
      startedAt: DISCOVERED,
      dueAt: '2026-03-23T15:59:59.999Z',
      status: 'running',
    });
    expectRefusal(() => start(startInput, head), DomainErrorCode.RoleNotPermitted);
    expectRefusal(() => start(startInput, { ...handlerLi, agencyId: 'agency-b' }), DomainErrorCode.AgencyMismatch, 'agencyId');
  });

  it('names the misconduct, from the known kinds, and the official concerned', () => {
    const withKind = (kind: string) => ({ ...startInput, proposal: { ...proposal, misconduct: { ...proposal.misconduct, kind } } });
    expect(start(withKind('rent_seeking')).state.proposal.misconduct.kind).toBe('rent_seeking');
    expectRefusal(() => start(withKind('rudeness')), DomainErrorCode.InvalidInput, 'misconduct.kind');
    expectRefusal(
      () => start({ ...startInput, proposal: { ...proposal, official: { position: 'chief' } } }),
      DomainErrorCode.InvalidInput,
      'official.name',
    );
    expectRefusal(
      () => start({ ...startInput, proposal: { ...proposal, misconduct: { kind: 'other', description: ' ' } } }),
      DomainErrorCode.InvalidInput,
      'misconduct.description',
    );
  });

  it('takes the discovery as a past moment, never a future one', () => {
    expect(start({ ...startInput, proposal: { ...proposal, discoveredAt: PROPOSED } }).state.proposal.discoveredAt).toBe(PROPOSED);
    expectRefusal(
      () => start({ ...startInput, proposal: { ...proposal, discoveredAt: '2026-03-03T00:00:00.000Z' } }),
      DomainErrorCode.InvalidInput,
      'discoveredAt',
    );
  });

  it('runs under the agency’s own policy', () => {
    expectRefusal(
      () => start({ ...startInput, policy: defaultAgencyPolicy('agency-b') }),
      DomainErrorCode.AgencyMismatch,
      'policy.agencyId',
    );
    expectRefusal(() => start({ ...startInput, policy: { agencyId: AGENCY } }), DomainErrorCode.InvalidInput);
  });
});

describe('the head’s decision', () => {
  it('is the head’s: approval moves the transfer on', () => {
    const run = approved();
    expect(run.state).toMatchObject({ status: 'approved', headDecision: { approved: true, decidedBy: 'wang' } });
    expectRefusal(
      () => step(start(), handlerLi, { type: 'approve_transfer' }, APPROVED),
      DomainErrorCode.RoleNotPermitted,
    );
    expectRefusal(
      () => step(start(), { ...head, agencyId: 'agency-b' }, { type: 'approve_transfer' }, APPROVED),
      DomainErrorCode.AgencyMismatch,
    );
  });

  it('is taken once, on a proposed transfer', () => {
    expectRefusal(
      () => step(approved(), head, { type: 'refuse_transfer', reason: 'changed my mind' }, APPROVED),
      DomainErrorCode.StageTransitionNotAllowed,
    );
  });

  it('refuses with a reason, which ends the transfer and stops its clock', () => {
    const run = step(start(), head, { type: 'refuse_transfer', reason: 'No indication of misconduct by an official' }, APPROVED);
    expect(run.state).toMatchObject({ status: 'closed', outcome: 'refused_by_head', closedAt: APPROVED });
    expect(clock(run.state, 'transfer')).toMatchObject({ status: 'cancelled', settledAt: APPROVED });
    expect(clock(run.state, 'transfer')?.nextDueAt).toBeUndefined();
    expectRefusal(
      () => step(start(), head, { type: 'refuse_transfer', reason: '' }, APPROVED),
      DomainErrorCode.InvalidInput,
      'reason',
    );
  });
});

describe('recording the transfer', () => {
  it('is a handler’s step after approval, with the materials and the receiving body', () => {
    const run = transferred();
    expect(run.state).toMatchObject({
      status: 'transferred',
      transfer: { materials: transferRecord.materials, receivingBody: transferRecord.receivingBody, transferredBy: 'li' },
    });
    expect(clock(run.state, 'transfer')).toMatchObject({ status: 'met', settledAt: TRANSFERRED });
    expectRefusal(
      () => step(start(), handlerLi, { type: 'record_transfer', ...transferRecord }, APPROVED),
      DomainErrorCode.StageTransitionNotAllowed,
    );
    expectRefusal(
      () => step(approved(), head, { type: 'record_transfer', ...transferRecord }, TRANSFERRED),
      DomainErrorCode.RoleNotPermitted,
    );
  });

  it('lists at least one item of materials', () => {
    expectRefusal(
      () => step(approved(), handlerLi, { type: 'record_transfer', ...transferRecord, materials: [] }, TRANSFERRED),
      DomainErrorCode.InvalidInput,
      'materials',
    );
    expectRefusal(
      () => step(approved(), handlerLi, { type: 'record_transfer', ...transferRecord, materials: ['ok', ''] }, TRANSFERRED),
      DomainErrorCode.InvalidInput,
      'materials[1]',
    );
  });

  it('sends the clue to a discipline-inspection body, not back to the agency', () => {
    expectRefusal(
      () =>
        step(
          approved(),
          handlerLi,
          { type: 'record_transfer', ...transferRecord, receivingBody: { id: AGENCY, name: 'ourselves' } },
          TRANSFERRED,
        ),
      DomainErrorCode.InvalidInput,
      'receivingBody.id',
    );
    expectRefusal(
      () => step(approved(), handlerLi, { type: 'record_transfer', ...transferRecord, receivingBody: { id: COMMISSION } } as never, TRANSFERRED),
      DomainErrorCode.InvalidInput,
      'receivingBody.name',
    );
  });
});

describe('the receiving body’s inspector', () => {
  it('acknowledges receipt: an inspector of the body the clue went to, and no one else', () => {
    const run = acknowledged();
    expect(run.state).toMatchObject({ status: 'acknowledged', acknowledgement: { acknowledgedBy: 'zhou' } });
    expect(clock(run.state, 'acknowledgement')).toMatchObject({ status: 'met' });
    expectRefusal(() => step(transferred(), handlerLi, { type: 'acknowledge_receipt' }, ACKNOWLEDGED), DomainErrorCode.RoleNotPermitted);
    expectRefusal(() => step(transferred(), otherInspector, { type: 'acknowledge_receipt' }, ACKNOWLEDGED), DomainErrorCode.AgencyMismatch);
    // Before the transfer there is no receiving body at all.
    expectRefusal(() => step(approved(), inspector, { type: 'acknowledge_receipt' }, ACKNOWLEDGED), DomainErrorCode.AgencyMismatch);
  });

  it('returns feedback after acknowledging, which closes the transfer', () => {
    const run = step(acknowledged(), inspector, { type: 'return_feedback', outcome: 'case opened', details: '立案审查' }, FED_BACK);
    expect(run.state).toMatchObject({
      status: 'closed',
      outcome: 'feedback_received',
      closedAt: FED_BACK,
      feedback: { outcome: 'case opened', details: '立案审查', returnedBy: 'zhou' },
    });
    expect(clock(run.state, 'feedback')).toMatchObject({ status: 'met', reminders: 0 });
    expectRefusal(
      () => step(transferred(), inspector, { type: 'return_feedback', outcome: 'case opened' }, FED_BACK),
      DomainErrorCode.StageTransitionNotAllowed,
    );
    expectRefusal(
      () => step(acknowledged(), inspector, { type: 'return_feedback', outcome: '' }, FED_BACK),
      DomainErrorCode.InvalidInput,
      'outcome',
    );
    expectRefusal(
      () => step(acknowledged(), otherInspector, { type: 'return_feedback', outcome: 'case opened' }, FED_BACK),
      DomainErrorCode.AgencyMismatch,
    );
  });
});

describe('the record', () => {
  it('numbers events in order and takes nothing after closing', () => {
    const run = step(acknowledged(), inspector, { type: 'return_feedback', outcome: 'not opened' }, FED_BACK);
    expect(run.events.map((event) => [event.sequence, event.data.type, event.statusAfter])).toEqual([
      [1, 'clue_transfer_proposed', 'proposed'],
      [2, 'clue_transfer_approved', 'approved'],
      [3, 'clue_transferred', 'transferred'],
      [4, 'receipt_acknowledged', 'acknowledged'],
      [5, 'feedback_returned', 'closed'],
    ]);
    expectRefusal(() => step(run, inspector, { type: 'return_feedback', outcome: 'again' }, FED_BACK), DomainErrorCode.CaseClosed);
    expect(dueClueTransferClockEvent(run.state, '2027-01-01T00:00:00.000Z', calendar)).toBeUndefined();
  });

  it('refuses a step decided on a stale version', () => {
    const run = approved();
    expect(decideClueTransfer(run.state, { type: 'record_transfer', ...transferRecord }, { actor: handlerLi, now: TRANSFERRED, calendar, expectedVersion: 2 }).sequence).toBe(3);
    expectRefusal(
      () => decideClueTransfer(run.state, { type: 'record_transfer', ...transferRecord }, { actor: handlerLi, now: TRANSFERRED, calendar, expectedVersion: 1 }),
      DomainErrorCode.VersionConflict,
      'expectedVersion',
    );
  });

  it('refuses an unknown step, naming the field', () => {
    expectRefusal(
      () => decideClueTransfer(start().state, { type: 'forget_it' } as unknown as ClueTransferCommand, { actor: head, now: APPROVED, calendar }),
      DomainErrorCode.InvalidInput,
      'type',
    );
  });

  it('is rebuilt from its events alone', () => {
    const run = passTime(acknowledged(), '2026-05-01T00:00:00.000Z');
    expect(replayClueTransfer(run.events)).toEqual(run.state);
    expectRefusal(() => replayClueTransfer(run.events.slice(1)), DomainErrorCode.InvalidInput, 'events');
  });

  it('offers each person the steps their role, side and the status allow', () => {
    expect(availableClueTransferCommands(start().state, head)).toEqual(['approve_transfer', 'refuse_transfer']);
    expect(availableClueTransferCommands(start().state, handlerLi)).toEqual([]);
    expect(availableClueTransferCommands(approved().state, handlerLi)).toEqual(['record_transfer']);
    expect(availableClueTransferCommands(transferred().state, inspector)).toEqual(['acknowledge_receipt']);
    expect(availableClueTransferCommands(transferred().state, otherInspector)).toEqual([]);
    expect(availableClueTransferCommands(acknowledged().state, inspector)).toEqual(['return_feedback']);
  });
});

describe('clocks', () => {
  it('records a transfer period that passed as a missed deadline, and a late transfer as done late', () => {
    const run = approved();
    expect(dueClueTransferClockEvent(run.state, '2026-03-23T15:59:59.999Z', calendar)).toBeUndefined();
    const missed = passTime(run, '2026-03-24T00:00:00.000Z');
    expect(missed.events.slice(-1)).toEqual([
      expect.objectContaining({
        sequence: 3,
        actor: { userId: 'system', role: 'system' },
        statusAfter: 'approved',
        data: { type: 'deadline_missed', clock: 'transfer', dueAt: '2026-03-23T15:59:59.999Z' },
      }),
    ]);
    expect(clock(missed.state, 'transfer')).toMatchObject({ status: 'missed', settledAt: '2026-03-24T00:00:00.000Z' });
    const late = step(missed, handlerLi, { type: 'record_transfer', ...transferRecord }, '2026-03-25T02:00:00.000Z');
    expect(clock(late.state, 'transfer')).toMatchObject({ status: 'missed', doneLateAt: '2026-03-25T02:00:00.000Z' });
    expect(clueTransferReport(late.state).missedDeadlines).toEqual(['transfer']);
  });

  it('reminds once when receipt is not acknowledged in time, counting working days over a holiday', () => {
    // Transferred Thursday 2 April 2026; Qingming (4–6 April) is not counted: five working days end Friday 10 April.
    const proposedLater = start({ ...startInput, proposal: { ...proposal, discoveredAt: '2026-03-30T01:00:00.000Z' } }, handlerLi, '2026-03-30T03:00:00.000Z');
    const approvedLater = step(proposedLater, head, { type: 'approve_transfer' }, '2026-03-31T02:00:00.000Z');
    const run = step(approvedLater, handlerLi, { type: 'record_transfer', ...transferRecord }, '2026-04-02T02:00:00.000Z');
    expect(clock(run.state, 'acknowledgement')).toMatchObject({ nature: 'reminder', dueAt: '2026-04-10T15:59:59.999Z' });
    const reminded = passTime(run, '2026-04-11T00:00:00.000Z');
    expect(reminded.events.slice(-1)[0]?.data).toEqual({
      type: 'reminder_due',
      clock: 'acknowledgement',
      dueAt: '2026-04-10T15:59:59.999Z',
      reminder: 1,
    });
    expect(clock(reminded.state, 'acknowledgement')).toMatchObject({ status: 'missed', reminders: 1 });
    // Once only: nothing more is due for it.
    expect(dueClueTransferClockEvent(reminded.state, '2026-12-31T00:00:00.000Z', calendar)).toBeUndefined();
    const late = step(reminded, inspector, { type: 'acknowledge_receipt' }, '2026-04-14T02:00:00.000Z');
    expect(clock(late.state, 'acknowledgement')).toMatchObject({ status: 'missed', doneLateAt: '2026-04-14T02:00:00.000Z' });
    // A reminder is not a violation: no national deadline binds the receiver.
    expect(clueTransferReport(late.state).missedDeadlines).toEqual([]);
  });

  it('chases feedback every period until it comes', () => {
    const run = acknowledged();
    // 30 natural days after 10 March: 9 April; the next 30 after that end on Saturday 9 May, a make-up working day.
    expect(clock(run.state, 'feedback')).toMatchObject({ dueAt: '2026-04-09T15:59:59.999Z', recurring: true });
    const chased = passTime(run, '2026-05-10T00:00:00.000Z');
    expect(chased.events.slice(-2).map((event) => event.data)).toEqual([
      { type: 'reminder_due', clock: 'feedback', dueAt: '2026-04-09T15:59:59.999Z', reminder: 1, nextDueAt: '2026-05-09T15:59:59.999Z' },
      { type: 'reminder_due', clock: 'feedback', dueAt: '2026-05-09T15:59:59.999Z', reminder: 2, nextDueAt: '2026-06-08T15:59:59.999Z' },
    ]);
    const done = step(chased, inspector, { type: 'return_feedback', outcome: 'handed on to the district commission' }, '2026-05-12T02:00:00.000Z');
    expect(clock(done.state, 'feedback')).toMatchObject({ status: 'missed', reminders: 2, doneLateAt: '2026-05-12T02:00:00.000Z' });
    expect(clock(done.state, 'feedback')?.nextDueAt).toBeUndefined();
  });

  it('records a clock that passed before a step first, so the step comes after it in the record', () => {
    const run = approved();
    const late = '2026-03-30T02:00:00.000Z';
    const caughtUp = catchUpClueTransferClocks(run.state, late, calendar);
    expect(caughtUp.events.map((event) => event.data.type)).toEqual(['deadline_missed']);
    const next = applyClueTransferCommand(caughtUp.state, { type: 'record_transfer', ...transferRecord }, { actor: handlerLi, now: late, calendar });
    expect(next.event.sequence).toBe(4);
    expect(evolveClueTransfer(caughtUp.state, next.event).version).toBe(4);
  });
});

describe('closing report', () => {
  it('gives the outcome and every clock, kept or missed', () => {
    const run = step(acknowledged(), inspector, { type: 'return_feedback', outcome: 'case opened' }, FED_BACK);
    expect(clueTransferReport(run.state)).toEqual({
      transferId: 'case-1/clue-transfer',
      kind: 'clue_transfer',
      parentCaseId: 'case-1',
      agencyId: AGENCY,
      outcome: 'feedback_received',
      startedAt: PROPOSED,
      closedAt: FED_BACK,
      version: 5,
      policyVersion: 'default',
      misconductKind: 'selective_enforcement',
      receivingBody: transferRecord.receivingBody,
      feedbackOutcome: 'case opened',
      missedDeadlines: [],
      clocks: [
        expect.objectContaining({ kind: 'transfer', nature: 'deadline', status: 'met', settledAt: TRANSFERRED }),
        expect.objectContaining({ kind: 'acknowledgement', nature: 'reminder', status: 'met', settledAt: ACKNOWLEDGED }),
        expect.objectContaining({ kind: 'feedback', nature: 'reminder', status: 'met', settledAt: FED_BACK, reminders: 0 }),
      ],
    });
  });
});
