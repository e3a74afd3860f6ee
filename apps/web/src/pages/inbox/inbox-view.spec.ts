import type { InboxItem } from '../../api/inbox';
import { appendPage, caseLabel, inboxRows, workControl } from './inbox-view';

const NOW = Date.parse('2026-11-23T04:00:00.000Z');

function item(overrides: Partial<InboxItem> = {}): InboxItem {
  return {
    caseId: 'case-1',
    action: 'decide-legal-review',
    role: 'reviewer',
    stage: 'legal_review',
    caseNumber: 'sh-pudong-amr-2026-000001',
    partyName: '上海某某食品有限公司',
    violationCode: null,
    deadlineKind: 'legal_review',
    dueAt: '2026-12-01T00:00:00.000Z',
    overdue: false,
    waitingSince: '2026-11-20T00:00:00.000Z',
    claimedBy: null,
    claimedAt: null,
    assignedBy: null,
    ...overrides,
  };
}

describe('the inbox rows', () => {
  it('puts overdue work first and keeps the API order within each group', () => {
    const items = [
      item({ caseId: 'a', dueAt: '2026-11-23T10:00:00.000Z' }),
      item({ caseId: 'b', dueAt: '2026-11-20T00:00:00.000Z', overdue: true }),
      item({ caseId: 'c', dueAt: '2026-11-27T00:00:00.000Z' }),
      item({ caseId: 'd', dueAt: null, deadlineKind: null }),
      item({ caseId: 'e', dueAt: '2026-11-23T03:00:00.000Z' }),
    ];
    expect(inboxRows(items, NOW).map((row) => [row.item.caseId, row.urgency])).toEqual([
      ['b', 'overdue'],
      // Ran out since the API answered: overdue too.
      ['e', 'overdue'],
      ['a', 'urgent'],
      ['c', 'ok'],
      ['d', 'none'],
    ]);
  });

  it('shows an item a later page repeats once', () => {
    const shown = [item({ caseId: 'a' }), item({ caseId: 'b' })];
    expect(appendPage(shown, [item({ caseId: 'b' }), item({ caseId: 'c' })]).map((i) => i.caseId)).toEqual(['a', 'b', 'c']);
    expect(appendPage(shown, [item({ caseId: 'b', action: 'decide-case' })])).toHaveLength(3);
  });
});

describe('claim and release', () => {
  const reviewer = { userId: 'reviewer-zhao', role: 'reviewer' };

  it('offers a claim on work nobody holds, and a release to its holder', () => {
    expect(workControl(item(), reviewer)).toBe('claim');
    expect(workControl(item({ claimedBy: 'reviewer-zhao' }), reviewer)).toBe('release');
    expect(workControl(item({ claimedBy: 'reviewer-ma' }), reviewer)).toBe('none');
  });

  it('lets a head release a colleague’s claim', () => {
    expect(workControl(item({ claimedBy: 'handler-li', role: 'handler' }), { userId: 'head-wang', role: 'head' })).toBe('release');
  });

  it('offers an auditor nothing to take: supervision follows overdue work, it does not do it', () => {
    expect(workControl(item({ overdue: true }), { userId: 'auditor-qian', role: 'auditor' })).toBe('none');
  });
});

describe('the case named in a row', () => {
  it('is its case number once filed, and a short id before', () => {
    expect(caseLabel(item(), '未立案')).toBe('sh-pudong-amr-2026-000001');
    expect(caseLabel(item({ caseId: '0b6f6a4e-8c1b-4d59-9a51-6d0e7d2d8a10', caseNumber: null }), '未立案')).toBe('未立案 · 0b6f6a4e');
  });
});
