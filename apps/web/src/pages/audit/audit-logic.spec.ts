import {
  beijingLocalOf,
  eventTypeName,
  historyFileName,
  historyRows,
  instantFromBeijingLocal,
  lookupOf,
  parseCaseIds,
  replayProgress,
  replaySelectionLabel,
  verificationView,
} from './audit-logic';

const CASE_ID = '6f1c2a4e-9a57-4d0b-8a5e-2c1f0d7b3e11';

describe('looking a case up', () => {
  it('opens a case id directly and searches anything else', () => {
    expect(lookupOf(` ${CASE_ID.toUpperCase()} `)).toEqual({ caseId: CASE_ID });
    expect(lookupOf('sh-pudong-amr-2026-000123')).toEqual({ q: 'sh-pudong-amr-2026-000123' });
    expect(lookupOf('   ')).toBeUndefined();
  });
});

describe('the Temporal history as rows', () => {
  const workflow = {
    workflowId: `case-${CASE_ID}`,
    runId: '0f3a7c52-5a7e-4f0b-9d9c-6b2f1e8a4c10',
    history: {
      events: [
        {
          eventId: '1',
          eventTime: '2026-03-02T01:00:00.123Z',
          eventType: 'EVENT_TYPE_WORKFLOW_EXECUTION_STARTED',
          workflowExecutionStartedEventAttributes: { workflowType: { name: 'caseLifecycle' } },
        },
        {
          eventId: '5',
          eventTime: '2026-03-02T01:00:01.000Z',
          eventType: 'EVENT_TYPE_ACTIVITY_TASK_SCHEDULED',
          activityTaskScheduledEventAttributes: { activityType: { name: 'recordCaseEvent' } },
        },
        {
          eventId: '9',
          eventTime: '2026-03-02T02:00:00.000Z',
          eventType: 'EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED',
          workflowExecutionUpdateAcceptedEventAttributes: { acceptedRequest: { input: { name: 'caseCommand' } } },
        },
        { eventId: '10', eventTime: '2026-03-02T02:00:00.000Z', eventType: 'EVENT_TYPE_WORKFLOW_TASK_COMPLETED' },
      ],
    },
  };

  it('names each event and what it is about, in recorded order', () => {
    expect(historyRows(workflow)).toEqual([
      { eventId: 1, time: '2026-03-02T01:00:00.123Z', type: 'WorkflowExecutionStarted', detail: 'caseLifecycle' },
      { eventId: 5, time: '2026-03-02T01:00:01.000Z', type: 'ActivityTaskScheduled', detail: 'recordCaseEvent' },
      { eventId: 9, time: '2026-03-02T02:00:00.000Z', type: 'WorkflowExecutionUpdateAccepted', detail: 'caseCommand' },
      { eventId: 10, time: '2026-03-02T02:00:00.000Z', type: 'WorkflowTaskCompleted', detail: '' },
    ]);
  });

  it('turns Temporal enum names into readable ones', () => {
    expect(eventTypeName('EVENT_TYPE_TIMER_FIRED')).toBe('TimerFired');
  });

  it('names the downloaded file as the API does', () => {
    expect(historyFileName(workflow)).toBe(`case-${CASE_ID}_0f3a7c52-5a7e-4f0b-9d9c-6b2f1e8a4c10.json`);
  });
});

describe('a moment in Beijing time', () => {
  it('becomes an instant with the +08:00 offset', () => {
    expect(instantFromBeijingLocal('2026-03-02T09:30')).toBe('2026-03-02T09:30:00+08:00');
    expect(instantFromBeijingLocal('2026-03-02T09:30:15')).toBe('2026-03-02T09:30:15+08:00');
    expect(instantFromBeijingLocal('')).toBeUndefined();
  });

  it('is shown back as Beijing wall time', () => {
    expect(beijingLocalOf('2026-03-02T01:30:00.000Z')).toBe('2026-03-02T09:30:00');
    expect(beijingLocalOf('2026-03-01T20:00:00Z')).toBe('2026-03-02T04:00:00');
  });
});

describe('the verification as the auditor reads it', () => {
  const clean = {
    caseId: CASE_ID,
    verified: true,
    rows: 3,
    problems: [],
    history: { checked: true, runs: 1, pending: [] },
    seal: { present: false, valid: null, expected: false },
  };

  it('is verified with no seal expected on an open case', () => {
    expect(verificationView(clean)).toEqual({ chain: 'verified', seal: 'not_expected' });
  });

  it('names the first broken event and a bad seal', () => {
    expect(
      verificationView({
        ...clean,
        verified: false,
        problems: [
          { sequence: 4, kind: 'changed', detail: 'x' },
          { sequence: 7, kind: 'missing', detail: 'y' },
        ],
        seal: { present: true, valid: false, expected: true },
      }),
    ).toEqual({ chain: 'broken', firstBrokenAt: 4, seal: 'invalid' });
  });

  it('tells a missing seal on an archived case, and a seal made with a key this server lacks', () => {
    expect(verificationView({ ...clean, verified: false, seal: { present: false, valid: null, expected: true } })).toEqual({
      chain: 'seal_invalid',
      seal: 'missing',
    });
    expect(verificationView({ ...clean, seal: { present: true, valid: null, expected: true } }).seal).toBe('unknown_key');
  });
});

describe('replay jobs', () => {
  it('report progress as the share of cases judged', () => {
    expect(replayProgress({ total: 4, counts: { pending: 1, deterministic: 2, diverged: 1, failed: 0, missing: 0 } })).toBe(75);
    expect(replayProgress({ total: 0, counts: { pending: 0, deterministic: 0, diverged: 0, failed: 0, missing: 0 } })).toBe(100);
  });

  it('are labelled by what they covered', () => {
    expect(replaySelectionLabel({ caseIds: [CASE_ID] })).toEqual({ key: 'audit.replay.label.case', values: { caseId: CASE_ID } });
    expect(replaySelectionLabel({ caseIds: [CASE_ID, CASE_ID] })).toEqual({ key: 'audit.replay.label.cases', values: { count: 2 } });
    expect(replaySelectionLabel({ closedFrom: '2026-01-01T00:00:00.000Z', closedTo: '2026-07-01T00:00:00.000Z' })).toEqual({
      key: 'audit.replay.label.period',
      values: { from: '2026-01-01T00:00:00.000Z', to: '2026-07-01T00:00:00.000Z' },
    });
    expect(replaySelectionLabel({ all: true })).toEqual({ key: 'audit.replay.label.all' });
  });

  it('take case ids separated by lines or commas and set the others apart', () => {
    expect(parseCaseIds(`${CASE_ID}\n${CASE_ID.toUpperCase()}, nope`)).toEqual({ ids: [CASE_ID], invalid: ['nope'] });
  });
});
