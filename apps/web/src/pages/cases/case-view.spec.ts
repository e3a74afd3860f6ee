import type { CaseState } from '../../api/cases';
import { caseLabel, caseTimeline, deadlineRows, formatYuan, participants } from './case-view';

const NOW = Date.parse('2026-11-23T04:00:00.000Z');

function caseState(overrides: Partial<CaseState> = {}): CaseState {
  return {
    caseId: '0b6f6a4e-8c1b-4d59-9a51-6d0e7d2d8a10',
    agencyId: 'sh-pudong-amr',
    stage: 'clue',
    version: 1,
    registeredAt: '2026-11-01T02:00:00.000Z',
    registeredBy: { userId: 'handler-li', role: 'handler' },
    clue: { source: 'complaint', summary: 'expired food', party: { type: 'organization', name: '上海某某食品有限公司' } },
    handlers: [],
    reviews: [],
    deadlines: [],
    ...overrides,
  };
}

const inNotice = caseState({
  stage: 'notice',
  caseNumber: 'sh-pudong-amr-2026-000123',
  filing: { filed: true, decidedBy: 'head-wang', decidedAt: '2026-11-02T02:00:00.000Z', reason: 'ok' },
  handlers: [
    { userId: 'handler-li', certificateNumber: 'SH-1', certificateExpiresAt: '2099-12-31T00:00:00.000Z' },
    { userId: 'handler-chen', certificateNumber: 'SH-2', certificateExpiresAt: '2099-12-31T00:00:00.000Z' },
  ],
  report: {
    findings: 'x',
    proposedOutcome: 'penalty',
    proposedFine: 50000,
    severity: 'ordinary',
    heavyNonFinePenalty: false,
    touchesMajorPublicInterest: false,
    complexMultipleLegalRelations: false,
    submittedBy: 'handler-li',
    submittedAt: '2026-11-10T02:00:00.000Z',
    legalReview: { required: true, grounds: [] },
    collectiveDiscussionRequired: false,
    hearingEligible: false,
    firstViolation: true,
    promptlyCorrected: false,
  },
  reviews: [
    { outcome: 'returned', reviewerId: 'reviewer-zhao', opinion: 'more', decidedAt: '2026-11-11T02:00:00.000Z' },
    { outcome: 'approved', reviewerId: 'reviewer-zhao', opinion: 'ok', decidedAt: '2026-11-12T02:00:00.000Z' },
  ],
  notice: { openedAt: '2026-11-12T02:00:00.000Z', hearingRequestDueAt: '2026-11-19T02:00:00.000Z' },
});

describe('the stage timeline', () => {
  it('marks the stages passed with their dates, the current one, and those ahead', () => {
    const steps = caseTimeline(inNotice);
    expect(steps.slice(0, 6)).toEqual([
      { stage: 'clue', state: 'past', at: '2026-11-01T02:00:00.000Z' },
      { stage: 'filed', state: 'past', at: '2026-11-02T02:00:00.000Z' },
      { stage: 'investigation', state: 'past' },
      { stage: 'legal_review', state: 'past', at: '2026-11-10T02:00:00.000Z' },
      { stage: 'notice', state: 'current', at: '2026-11-12T02:00:00.000Z' },
      { stage: 'hearing', state: 'future' },
    ]);
    expect(steps.map((step) => step.stage)).toEqual([
      'clue', 'filed', 'investigation', 'legal_review', 'notice', 'hearing', 'collective_discussion', 'decided', 'service', 'publicity', 'execution', 'closed', 'archived',
    ]);
  });

  it('shows the stages a decided case did not need as skipped', () => {
    const decided = caseState({ ...inNotice, stage: 'decided', decision: { outcome: 'penalty', fine: 1, reasoning: 'r', publish: false, decidedBy: 'head-wang', decidedAt: '2026-11-20T02:00:00.000Z' } });
    const byStage = Object.fromEntries(caseTimeline(decided).map((step) => [step.stage, step.state]));
    expect(byStage).toMatchObject({ hearing: 'skipped', collective_discussion: 'skipped', decided: 'current', service: 'future' });
  });

  it('shows a suspended case in the stage it was suspended from', () => {
    const suspended = caseState({ stage: 'suspended', suspensions: [{ from: '2026-11-05T02:00:00.000Z', fromStage: 'investigation', reason: 'testing' }] });
    expect(caseTimeline(suspended).find((step) => step.state === 'current')).toEqual({ stage: 'investigation', state: 'current', suspended: true });
  });

  it('ends a case not filed at its refusal', () => {
    const declined = caseState({ stage: 'not_filed', filing: { filed: false, decidedBy: 'head-wang', decidedAt: '2026-11-03T02:00:00.000Z', reason: 'minor' } });
    expect(caseTimeline(declined)).toEqual([
      { stage: 'clue', state: 'past', at: '2026-11-01T02:00:00.000Z' },
      { stage: 'not_filed', state: 'current', at: '2026-11-03T02:00:00.000Z' },
    ]);
  });
});

describe('the deadlines', () => {
  const deadline = (kind: string, status: 'running' | 'paused' | 'met' | 'missed', dueAt: string) => ({ kind, status, dueAt, startedAt: '2026-11-01T02:00:00.000Z' });

  it('lists running clocks first, soonest due first, coloured by time left; then paused, missed and met', () => {
    const rows = deadlineRows(
      caseState({
        deadlines: [
          deadline('filing_decision', 'met', '2026-11-20T00:00:00.000Z'),
          deadline('decision', 'running', '2027-01-30T00:00:00.000Z'),
          deadline('notice_response', 'running', '2026-11-23T20:00:00.000Z'),
          deadline('service', 'missed', '2026-11-10T00:00:00.000Z'),
          deadline('legal_review', 'running', '2026-11-22T00:00:00.000Z'),
        ],
      }),
      NOW,
    );
    expect(rows.map((row) => [row.kind, row.urgency])).toEqual([
      ['legal_review', 'overdue'],
      ['notice_response', 'urgent'],
      ['decision', 'ok'],
      ['service', 'overdue'],
      ['filing_decision', 'none'],
    ]);
  });
});

describe('the participants', () => {
  it('names each person once per part they play, handlers with their certificates', () => {
    expect(participants(inNotice)).toEqual([
      { part: 'registrar', userId: 'handler-li' },
      { part: 'handler', userId: 'handler-li', detail: 'SH-1' },
      { part: 'handler', userId: 'handler-chen', detail: 'SH-2' },
      { part: 'reviewer', userId: 'reviewer-zhao' },
      { part: 'head', userId: 'head-wang' },
    ]);
  });
});

describe('labels', () => {
  it('names a case by its number, or by the start of its id before filing', () => {
    expect(caseLabel(inNotice)).toBe('sh-pudong-amr-2026-000123');
    expect(caseLabel(caseState())).toBe('0b6f6a4e');
  });

  it('writes yuan with two decimals and thousands separators', () => {
    expect(formatYuan(50000)).toBe('¥50,000.00');
    expect(formatYuan(0.5)).toBe('¥0.50');
  });
});
