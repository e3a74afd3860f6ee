import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { caseVerdictOf } from './replay-job.activities';
import { divergentEventIdOf, type ReplayVerdict } from './replay-histories';

/** As a history file has it: event ids as strings, the attributes each event type carries. */
const history = historyFromJSON({
  events: [
    { eventId: '1', eventType: 'EVENT_TYPE_WORKFLOW_EXECUTION_STARTED', workflowExecutionStartedEventAttributes: {} },
    { eventId: '5', eventType: 'EVENT_TYPE_ACTIVITY_TASK_SCHEDULED', activityTaskScheduledEventAttributes: { activityId: '1', activityType: { name: 'recordCaseEvent' } } },
    { eventId: '9', eventType: 'EVENT_TYPE_ACTIVITY_TASK_SCHEDULED', activityTaskScheduledEventAttributes: { activityId: '2', activityType: { name: 'eraseCaseEvent' } } },
  ],
});

describe('the first divergent event of a nondeterminism message', () => {
  it('is the event the core names by id', () => {
    expect(divergentEventIdOf('[TMPRL1100] Nondeterminism error: Timer machine does not handle this event: HistoryEvent(id: 5, ActivityTaskScheduled)', history)).toBe(5);
  });

  it('is the scheduled activity whose type or id the core quotes', () => {
    const renamed = "Nondeterminism error: Activity type of scheduled event 'eraseCaseEvent' does not match activity type of activity command 'recordCaseEvent'";
    expect(divergentEventIdOf(renamed, history)).toBe(9);
    expect(divergentEventIdOf("Activity id of scheduled event '2' does not match activity id of activity command '3'", history)).toBe(9);
  });

  it('is left out when the message names none', () => {
    expect(divergentEventIdOf('Nondeterminism error: something else entirely', history)).toBeUndefined();
  });
});

describe('a case’s verdict over its runs', () => {
  const run = (outcome: 'deterministic' | 'diverged' | 'failed', workflowId: string): ReplayVerdict =>
    outcome === 'deterministic'
      ? { label: 'c', workflowId, runId: 'r', events: 10, outcome }
      : { label: 'c', workflowId, runId: 'r', events: 10, outcome, reason: `${outcome} in ${workflowId}`, ...(outcome === 'diverged' ? { divergentEventId: 7 } : {}) };

  it('is deterministic only when every run is, counting runs and events', () => {
    expect(caseVerdictOf([run('deterministic', 'case-1'), run('deterministic', 'case-1/clue-transfer')])).toEqual({ status: 'deterministic', histories: 2, events: 20 });
  });

  it('names the first diverged run before any merely failed one', () => {
    expect(caseVerdictOf([run('failed', 'case-1'), run('diverged', 'case-1/clue-transfer')])).toEqual({
      status: 'diverged',
      histories: 2,
      events: 20,
      workflowId: 'case-1/clue-transfer',
      runId: 'r',
      reason: 'diverged in case-1/clue-transfer',
      divergentEventId: 7,
    });
    expect(caseVerdictOf([run('deterministic', 'case-1'), run('failed', 'case-1/clue-transfer')])).toMatchObject({ status: 'failed', workflowId: 'case-1/clue-transfer' });
  });
});
