import { auditVerdict, type AuditReport } from './dependency-audit';

const advisory = (url: string, severity: 'moderate' | 'high' | 'critical') => ({
  source: 1,
  title: `advisory ${url.slice(-4)}`,
  url,
  severity,
});

const report: AuditReport = {
  vulnerabilities: {
    'bad-parser': { name: 'bad-parser', severity: 'high', via: [advisory('https://github.com/advisories/GHSA-aaaa', 'high')] },
    'uses-bad-parser': { name: 'uses-bad-parser', severity: 'high', via: ['bad-parser'] },
    'slow-regex': { name: 'slow-regex', severity: 'moderate', via: [advisory('https://github.com/advisories/GHSA-bbbb', 'moderate')] },
    'worst-lib': { name: 'worst-lib', severity: 'critical', via: [advisory('https://github.com/advisories/GHSA-cccc', 'critical')] },
  },
};

describe('dependency audit verdict', () => {
  it('fails on each high or critical advisory without an exception, not on moderate ones', () => {
    const verdict = auditVerdict(report, [], '2026-11-23');
    expect(verdict.unexplained.map((finding) => `${finding.package} ${finding.severity}`).sort()).toEqual([
      'bad-parser high',
      'worst-lib critical',
    ]);
  });

  it('accepts an advisory explained until its review date, and no longer after it', () => {
    const exception = {
      advisory: 'https://github.com/advisories/GHSA-aaaa',
      package: 'bad-parser',
      reason: 'only parses our own build files',
      reviewBy: '2026-12-31',
    };
    const before = auditVerdict(report, [exception], '2026-12-31');
    expect(before.unexplained.map((finding) => finding.package)).toEqual(['worst-lib']);
    expect(before.explained).toEqual([expect.objectContaining({ package: 'bad-parser', reason: 'only parses our own build files' })]);

    const after = auditVerdict(report, [exception], '2027-01-01');
    expect(after.unexplained.map((finding) => finding.package).sort()).toEqual(['bad-parser', 'worst-lib']);
  });

  it('names exceptions whose advisory is gone, so they are deleted rather than kept forever', () => {
    const gone = { advisory: 'https://github.com/advisories/GHSA-zzzz', package: 'fixed-lib', reason: 'was dev-only', reviewBy: '2027-06-30' };
    expect(auditVerdict(report, [gone], '2026-11-23').stale).toEqual([gone]);
  });
});
