import { DomainError, DomainErrorCode } from '../domain-error';
import {
  POLICY_DEADLINES,
  POLICY_FIELDS,
  STATUTORY_POLICY_FIELDS,
  defaultAgencyPolicy,
  isHearingEligibleFine,
  lateSurcharge,
  mergePolicy,
  parseAgencyPolicy,
  policyDeadline,
  statutoryFieldsChanged,
  warningLeadTime,
  type AgencyPolicy,
} from './index';

const AGENCY = 'agency-a';
const DEFAULTS = defaultAgencyPolicy(AGENCY);

function expectInvalid(action: () => unknown, field: string): void {
  let thrown: unknown;
  try {
    action();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(DomainError);
  expect((thrown as DomainError).code).toBe(DomainErrorCode.InvalidInput);
  expect((thrown as DomainError).field).toBe(field);
}

/** The default policy as an admin's JSON, with one value replaced (or removed, for undefined). */
function policyJson(path: readonly string[], value: unknown): Record<string, unknown> {
  const json = JSON.parse(JSON.stringify(DEFAULTS)) as Record<string, unknown>;
  const parent = path.slice(0, -1).reduce((object, key) => object[key] as Record<string, unknown>, json);
  const last = path[path.length - 1];
  if (value === undefined) {
    delete parent[last];
  } else {
    parent[last] = value;
  }
  return json;
}

const parseWith = (path: readonly string[], value: unknown): AgencyPolicy => parseAgencyPolicy(policyJson(path, value));

describe('agency policy defaults', () => {
  it('gives the defaults of domain.md, which pass their own checks', () => {
    expect(DEFAULTS.version).toBe('default');
    expect(DEFAULTS.filing).toEqual({
      decisionPeriod: { count: 15, unit: 'working_days' },
      extension: { count: 15, unit: 'working_days' },
      maxExtensions: 1,
    });
    expect(DEFAULTS.legalReview).toEqual({ reviewPeriod: { count: 10, unit: 'working_days' }, fineThreshold: 10_000 });
    expect(DEFAULTS.hearing.fineThresholds).toEqual({ individual: 5_000, organization: 50_000 });
    expect(DEFAULTS.decision).toEqual({
      decisionPeriod: { count: 90, unit: 'natural_days' },
      extension: { count: 30, unit: 'natural_days' },
    });
    expect(DEFAULTS.publicity.publicationPeriod).toEqual({ count: 7, unit: 'working_days' });
    expect(DEFAULTS.execution).toEqual({ paymentPeriod: { count: 15, unit: 'natural_days' }, lateSurchargeRatePerDay: 0.03 });
    expect(DEFAULTS.archive.retentionYears).toEqual({ important: 'permanent', ordinary: 30 });
    expect(DEFAULTS.judicialTransfer.transferPeriod).toEqual({ count: 24, unit: 'hours' });
    expect(parseAgencyPolicy(JSON.parse(JSON.stringify(DEFAULTS)))).toEqual(DEFAULTS);
    expectInvalid(() => defaultAgencyPolicy(''), 'agencyId');
  });

  it('counts the APL’s own short day periods in working days (APL 85)', () => {
    expect(DEFAULTS.notice.hearingRequestWindow).toEqual({ count: 5, unit: 'working_days' });
    expect(DEFAULTS.hearing.noticeLeadTime).toEqual({ count: 7, unit: 'working_days' });
    expect(DEFAULTS.service.servicePeriod).toEqual({ count: 7, unit: 'working_days' });
    expect(DEFAULTS.preservation.disposalPeriod).toEqual({ count: 7, unit: 'working_days' });
    expect(DEFAULTS.publicity.withdrawalPeriod).toEqual({ count: 3, unit: 'working_days' });
  });
});

describe('policy fields and their basis', () => {
  it('names a basis for every field, and marks exactly the statute-based ones statutory', () => {
    const leaves: string[] = [];
    const walk = (value: unknown, path: string): void => {
      const isLeaf =
        typeof value !== 'object' || value === null || 'unit' in value || path === 'warnings.leadTimes';
      if (isLeaf) {
        leaves.push(path);
        return;
      }
      Object.entries(value).forEach(([key, child]) => walk(child, path === '' ? key : `${path}.${key}`));
    };
    const { agencyId: _agencyId, version: _version, ...sections } = DEFAULTS;
    walk(sections, '');
    expect([...POLICY_FIELDS].sort()).toEqual(leaves.sort());
    expect(STATUTORY_POLICY_FIELDS).toEqual([
      'preservation.disposalPeriod',
      'notice.hearingRequestWindow',
      'hearing.noticeLeadTime',
      'decision.decisionPeriod',
      'service.servicePeriod',
      'publicity.withdrawalPeriod',
      'execution.paymentPeriod',
      'execution.lateSurchargeRatePerDay',
      'judicialTransfer.headDecisionPeriod',
      'judicialTransfer.transferPeriod',
      'judicialTransfer.policeAnswerPeriod',
      'judicialTransfer.reviewRequestPeriod',
      'judicialTransfer.copyDecisionPeriod',
    ]);
  });

  it('reads each deadline’s rule and its warning lead time', () => {
    expect(POLICY_DEADLINES).toHaveLength(18);
    expect(policyDeadline(DEFAULTS, 'judicialTransfer.transferPeriod')).toEqual({ count: 24, unit: 'hours' });
    expect(warningLeadTime(DEFAULTS, 'judicialTransfer.transferPeriod')).toEqual({ count: 6, unit: 'hours' });
    expect(warningLeadTime(DEFAULTS, 'legalReview.reviewPeriod')).toEqual({ count: 3, unit: 'working_days' });
  });
});

describe('parseAgencyPolicy', () => {
  it('accepts periods only as positive whole numbers in a known unit', () => {
    expect(parseWith(['filing', 'decisionPeriod'], { count: 20, unit: 'working_days' }).filing.decisionPeriod).toEqual({
      count: 20,
      unit: 'working_days',
    });
    expectInvalid(() => parseWith(['filing', 'decisionPeriod', 'count'], 0), 'filing.decisionPeriod.count');
    expectInvalid(() => parseWith(['filing', 'decisionPeriod', 'count'], 1.5), 'filing.decisionPeriod.count');
    expectInvalid(() => parseWith(['filing', 'decisionPeriod', 'count'], 3661), 'filing.decisionPeriod.count');
    expectInvalid(() => parseWith(['filing', 'decisionPeriod', 'unit'], 'weeks'), 'filing.decisionPeriod.unit');
  });

  it('accepts a decision extension of zero but never a negative one', () => {
    expect(parseWith(['decision', 'extension', 'count'], 0).decision.extension).toEqual({ count: 0, unit: 'natural_days' });
    expectInvalid(() => parseWith(['decision', 'extension', 'count'], -1), 'decision.extension.count');
    expectInvalid(() => parseWith(['filing', 'maxExtensions'], -1), 'filing.maxExtensions');
  });

  it('accepts thresholds only as amounts in yuan with at most two decimals', () => {
    expect(parseWith(['legalReview', 'fineThreshold'], 20_000.5).legalReview.fineThreshold).toBe(20_000.5);
    expectInvalid(() => parseWith(['legalReview', 'fineThreshold'], -1), 'legalReview.fineThreshold');
    expectInvalid(() => parseWith(['legalReview', 'fineThreshold'], 10_000.005), 'legalReview.fineThreshold');
    expectInvalid(() => parseWith(['hearing', 'fineThresholds', 'organization'], '50000'), 'hearing.fineThresholds.organization');
  });

  it('accepts a late surcharge rate only in (0, 1]', () => {
    expect(parseWith(['execution', 'lateSurchargeRatePerDay'], 1).execution.lateSurchargeRatePerDay).toBe(1);
    expectInvalid(() => parseWith(['execution', 'lateSurchargeRatePerDay'], 0), 'execution.lateSurchargeRatePerDay');
    expectInvalid(() => parseWith(['execution', 'lateSurchargeRatePerDay'], 1.01), 'execution.lateSurchargeRatePerDay');
  });

  it('keeps the publication period within the State Council ceiling of 20 working days', () => {
    const path = ['publicity', 'publicationPeriod'];
    expect(parseWith(path, { count: 20, unit: 'working_days' }).publicity.publicationPeriod.count).toBe(20);
    expect(parseWith(path, { count: 480, unit: 'hours' }).publicity.publicationPeriod.count).toBe(480);
    expectInvalid(() => parseWith(path, { count: 21, unit: 'working_days' }), 'publicity.publicationPeriod');
    expectInvalid(() => parseWith(path, { count: 21, unit: 'natural_days' }), 'publicity.publicationPeriod');
    expectInvalid(() => parseWith(path, { count: 481, unit: 'hours' }), 'publicity.publicationPeriod');
  });

  it('keeps important files at least as long as ordinary ones', () => {
    expect(parseWith(['archive', 'retentionYears', 'ordinary'], 'permanent').archive.retentionYears).toEqual({
      important: 'permanent',
      ordinary: 'permanent',
    });
    const shorter = policyJson(['archive', 'retentionYears'], { important: 20, ordinary: 30 });
    expectInvalid(() => parseAgencyPolicy(shorter), 'archive.retentionYears.important');
    expectInvalid(() => parseWith(['archive', 'retentionYears', 'ordinary'], 0), 'archive.retentionYears.ordinary');
  });

  it('warns before a deadline passes, never at or before its start', () => {
    const leadTimes = ['warnings', 'leadTimes'];
    expectInvalid(
      () => parseWith([...leadTimes, 'publicity.withdrawalPeriod'], { count: 3, unit: 'working_days' }),
      'warnings.leadTimes.publicity.withdrawalPeriod',
    );
    // 24 hours ahead of a 24-hour deadline is its start.
    expectInvalid(
      () => parseWith([...leadTimes, 'judicialTransfer.transferPeriod'], { count: 1, unit: 'natural_days' }),
      'warnings.leadTimes.judicialTransfer.transferPeriod',
    );
    // Without its own lead time, the 3-day recusal decision would be warned 3 working days ahead.
    expectInvalid(() => parseWith([...leadTimes, 'recusal.decisionPeriod'], undefined), 'warnings.defaultLeadTime');
    expect(
      warningLeadTime(parseWith([...leadTimes, 'judicialTransfer.transferPeriod'], { count: 23, unit: 'hours' }), 'judicialTransfer.transferPeriod'),
    ).toEqual({ count: 23, unit: 'hours' });
  });

  it('refuses unknown fields rather than dropping them', () => {
    expectInvalid(() => parseWith(['decison'], {}), 'decison');
    expectInvalid(() => parseWith(['filing', 'extention'], { count: 1, unit: 'working_days' }), 'filing.extention');
    expectInvalid(
      () => parseWith(['warnings', 'leadTimes', 'hearing.noticeLeadTime'], { count: 1, unit: 'working_days' }),
      'warnings.leadTimes.hearing.noticeLeadTime',
    );
  });

  it('refuses missing fields, naming their path', () => {
    expectInvalid(() => parseWith(['legalReview', 'reviewPeriod'], undefined), 'legalReview.reviewPeriod');
    expectInvalid(() => parseWith(['archive'], undefined), 'archive');
    expectInvalid(() => parseWith(['version'], undefined), 'version');
    expectInvalid(() => parseAgencyPolicy([]), 'policy');
  });
});

describe('mergePolicy', () => {
  it('changes only what the override names', () => {
    const merged = mergePolicy(DEFAULTS, {
      version: 'v2',
      legalReview: { fineThreshold: 20_000 },
      decision: { extension: { count: 0 } },
    });
    expect(merged).toEqual({
      ...DEFAULTS,
      version: 'v2',
      legalReview: { ...DEFAULTS.legalReview, fineThreshold: 20_000 },
      decision: { ...DEFAULTS.decision, extension: { count: 0, unit: 'natural_days' } },
    });
  });

  it('checks the merged policy as a whole', () => {
    expectInvalid(
      () => mergePolicy(DEFAULTS, { version: 'v2', publicity: { publicationPeriod: { count: 25 } } }),
      'publicity.publicationPeriod',
    );
    expectInvalid(() => mergePolicy(DEFAULTS, 'v2'), 'overrides');
  });

  it('gives a changed policy a new version', () => {
    expect(mergePolicy(DEFAULTS, { version: 'default' })).toEqual(DEFAULTS);
    expectInvalid(() => mergePolicy(DEFAULTS, { legalReview: { fineThreshold: 20_000 } }), 'version');
  });

  it('keeps the agency of the policy it overrides', () => {
    expect(mergePolicy(DEFAULTS, { agencyId: AGENCY }).agencyId).toBe(AGENCY);
    expectInvalid(() => mergePolicy(DEFAULTS, { agencyId: 'agency-b', version: 'v2' }), 'agencyId');
  });

  it('keeps a "__proto__" key from JSON as data, refused as an unknown field', () => {
    const hostile: unknown = JSON.parse('{"version":"v2","__proto__":{"legalReview":{"fineThreshold":1}}}');
    expectInvalid(() => mergePolicy(DEFAULTS, hostile), '__proto__');
  });
});

describe('statutoryFieldsChanged', () => {
  it('lists the statutory fields an override changes, with their source, and no policy fields', () => {
    const overrides = {
      version: 'v2',
      legalReview: { fineThreshold: 20_000 },
      decision: { decisionPeriod: { count: 60 } },
      service: { servicePeriod: { count: 5 } },
    };
    expect(statutoryFieldsChanged(DEFAULTS, overrides)).toEqual([
      {
        field: 'decision.decisionPeriod',
        basis: 'statute',
        source: 'APL 60',
        from: { count: 90, unit: 'natural_days' },
        to: { count: 60, unit: 'natural_days' },
      },
      {
        field: 'service.servicePeriod',
        basis: 'statute',
        source: 'APL 61, counted in working days by APL 85',
        from: { count: 7, unit: 'working_days' },
        to: { count: 5, unit: 'working_days' },
      },
    ]);
    expect(statutoryFieldsChanged(DEFAULTS, { version: 'v2', legalReview: { fineThreshold: 20_000 } })).toEqual([]);
  });
});

describe('applying the policy', () => {
  it('makes a fine at or above the party type’s threshold hearing-eligible (APL 63)', () => {
    expect(isHearingEligibleFine(DEFAULTS, 'individual', 5_000)).toBe(true);
    expect(isHearingEligibleFine(DEFAULTS, 'individual', 4_999.99)).toBe(false);
    expect(isHearingEligibleFine(DEFAULTS, 'organization', 5_000)).toBe(false);
    expect(isHearingEligibleFine(DEFAULTS, 'organization', 50_000)).toBe(true);
    expectInvalid(() => isHearingEligibleFine(DEFAULTS, 'individual', -1), 'fine');
  });

  it('charges 3% of the fine a day late, never more than the fine (APL 72)', () => {
    expect(lateSurcharge(DEFAULTS, 1_000, 10)).toBe(300);
    expect(lateSurcharge(DEFAULTS, 1_234.56, 3)).toBe(111.11);
    expect(lateSurcharge(DEFAULTS, 1_000, 34)).toBe(1_000);
    expect(lateSurcharge(DEFAULTS, 1_000, 0)).toBe(0);
    expectInvalid(() => lateSurcharge(DEFAULTS, 1_000, 1.5), 'daysLate');
  });
});
