import type { PartyType } from '../case-state';
import { DomainError, DomainErrorCode } from '../domain-error';
import { requireAmount, requireObject, requireOneOf, requireText } from '../input-rules';

/**
 * An agency's policy: every configurable number of domain.md, with its defaults. Numbers marked
 * **policy** there are local practice; the statutory ones are defaults too, but changing one is a
 * deliberate act that the audit trail records (see `statutoryFieldsChanged`).
 *
 * Day counts from the APL itself (二日, 三日, 五日, 七日) are working days: APL 85 says so. Other
 * statutory day counts (APL 60's 90 days, APL 67's 15 days, the Transfer Provisions) are natural days.
 */

/** How a period is counted. Working days follow the agency's holiday calendar (domain.md §4). */
export type PolicyPeriodUnit = 'natural_days' | 'working_days' | 'hours';
export const POLICY_PERIOD_UNITS: readonly PolicyPeriodUnit[] = ['natural_days', 'working_days', 'hours'];

/**
 * How long, counted how. The same shape as the calendar module's DeadlineRule; defined here so
 * that policy does not depend on the calendar until the two are unified.
 */
export interface PeriodRule {
  readonly count: number;
  readonly unit: PolicyPeriodUnit;
}

/** How long an archived file is kept: a number of years, or for good. */
export type RetentionTerm = number | 'permanent';

/** The deadlines a policy sets, by the dotted path of their rule in AgencyPolicy. */
export type PolicyDeadline =
  | 'filing.decisionPeriod'
  | 'recusal.decisionPeriod'
  | 'preservation.disposalPeriod'
  | 'legalReview.reviewPeriod'
  | 'notice.responsePeriod'
  | 'notice.hearingRequestWindow'
  | 'decision.decisionPeriod'
  | 'service.servicePeriod'
  | 'publicity.publicationPeriod'
  | 'publicity.withdrawalPeriod'
  | 'execution.paymentPeriod'
  | 'archive.archivePeriod'
  | 'clueTransfer.transferPeriod'
  | 'judicialTransfer.headDecisionPeriod'
  | 'judicialTransfer.transferPeriod'
  | 'judicialTransfer.policeAnswerPeriod'
  | 'judicialTransfer.reviewRequestPeriod'
  | 'judicialTransfer.copyDecisionPeriod';

export interface AgencyPolicy {
  readonly agencyId: string;
  /** Names this policy in the records of every case decided under it. */
  readonly version: string;
  /** 立案 */
  readonly filing: {
    /** From registration of the clue to the head's filing decision. */
    readonly decisionPeriod: PeriodRule;
    readonly extension: PeriodRule;
    readonly maxExtensions: number;
  };
  /** 回避: the head decides on a party's recusal request. */
  readonly recusal: { readonly decisionPeriod: PeriodRule };
  /** 先行登记保存: preserved evidence is dealt with within this period or the preservation lapses. */
  readonly preservation: { readonly disposalPeriod: PeriodRule };
  /** 法制审核 */
  readonly legalReview: {
    readonly reviewPeriod: PeriodRule;
    /** A proposed fine at or above this amount (yuan) requires legal review. */
    readonly fineThreshold: number;
  };
  /** 告知 */
  readonly notice: {
    /** The party's time to state and defend; silence is a waiver. */
    readonly responsePeriod: PeriodRule;
    readonly hearingRequestWindow: PeriodRule;
  };
  /** 听证 */
  readonly hearing: {
    /** The party is notified at least this long before the hearing. */
    readonly noticeLeadTime: PeriodRule;
    /** A fine at or above this amount (yuan) is "large" (APL 63) for the party type. */
    readonly fineThresholds: { readonly [T in PartyType]: number };
  };
  /** 决定 */
  readonly decision: {
    /** From filing; suspension, hearing and testing time are not counted. */
    readonly decisionPeriod: PeriodRule;
    /** One extension with the head's approval; zero means none. */
    readonly extension: PeriodRule;
  };
  /** 送达 */
  readonly service: { readonly servicePeriod: PeriodRule };
  /** 公示 */
  readonly publicity: {
    readonly publicationPeriod: PeriodRule;
    readonly withdrawalPeriod: PeriodRule;
  };
  /** 执行 */
  readonly execution: {
    /** From service of the decision. */
    readonly paymentPeriod: PeriodRule;
    /** A fraction of the fine per day late, e.g. 0.03; the total never exceeds the fine (APL 72). */
    readonly lateSurchargeRatePerDay: number;
  };
  /** 归档 */
  readonly archive: {
    /** From closing. */
    readonly archivePeriod: PeriodRule;
    readonly retentionYears: { readonly important: RetentionTerm; readonly ordinary: RetentionTerm };
  };
  /** 线索移送纪检监察 */
  readonly clueTransfer: {
    /** From discovery. */
    readonly transferPeriod: PeriodRule;
    /** When the acknowledgement is chased; a reminder, not a violation: no deadline binds the receiver. */
    readonly acknowledgementReminder: PeriodRule;
    readonly feedbackChaseInterval: PeriodRule;
  };
  /** 移送司法机关 */
  readonly judicialTransfer: {
    /** The principal head decides on the team's report. */
    readonly headDecisionPeriod: PeriodRule;
    /** From approval to handing the case to the police. */
    readonly transferPeriod: PeriodRule;
    /** The police decide whether to open a case. */
    readonly policeAnswerPeriod: PeriodRule;
    /** The agency may ask the police to review a refusal. */
    readonly reviewRequestPeriod: PeriodRule;
    /** A case already penalised that should have been transferred: copy the decision to police and procuratorate. */
    readonly copyDecisionPeriod: PeriodRule;
  };
  /** When the people told about a deadline are warned before it passes. */
  readonly warnings: {
    readonly defaultLeadTime: PeriodRule;
    /** Per deadline, where the default does not fit (a 24-hour deadline is not warned 3 working days ahead). */
    readonly leadTimes: { readonly [D in PolicyDeadline]?: PeriodRule };
  };
}

/** Where a policy number comes from: a statute (changes are deliberate and audited) or local practice. */
export interface PolicyFieldSource {
  readonly basis: 'statute' | 'policy';
  readonly source: string;
}

/** Every field of AgencyPolicy but its identity, by dotted path; a PeriodRule counts as one field. */
export const POLICY_FIELD_SOURCES = {
  'filing.decisionPeriod': { basis: 'policy', source: 'SAMR procedural rules Art. 18' },
  'filing.extension': { basis: 'policy', source: 'SAMR procedural rules Art. 18' },
  'filing.maxExtensions': { basis: 'policy', source: 'SAMR procedural rules Art. 18' },
  'recusal.decisionPeriod': { basis: 'policy', source: 'local practice under APL 43' },
  'preservation.disposalPeriod': { basis: 'statute', source: 'APL 56, counted in working days by APL 85' },
  'legalReview.reviewPeriod': { basis: 'policy', source: 'SAMR practice; local rules use 5–7 working days' },
  'legalReview.fineThreshold': { basis: 'policy', source: 'agency practice supplementing APL 58' },
  'notice.responsePeriod': { basis: 'policy', source: 'SAMR procedural rules' },
  'notice.hearingRequestWindow': { basis: 'statute', source: 'APL 64, counted in working days by APL 85' },
  'hearing.noticeLeadTime': { basis: 'statute', source: 'APL 64, counted in working days by APL 85' },
  'hearing.fineThresholds.individual': { basis: 'policy', source: 'sector rule defining "large" in APL 63' },
  'hearing.fineThresholds.organization': { basis: 'policy', source: 'sector rule defining "large" in APL 63' },
  'decision.decisionPeriod': { basis: 'statute', source: 'APL 60' },
  'decision.extension': { basis: 'policy', source: 'sector rules (SAMR); APL 60 itself allows none' },
  'service.servicePeriod': { basis: 'statute', source: 'APL 61, counted in working days by APL 85' },
  'publicity.publicationPeriod': { basis: 'policy', source: '国办发〔2018〕118号 (ceiling 20 working days)' },
  'publicity.withdrawalPeriod': { basis: 'statute', source: 'APL 48, counted in working days by APL 85' },
  'execution.paymentPeriod': { basis: 'statute', source: 'APL 67' },
  'execution.lateSurchargeRatePerDay': { basis: 'statute', source: 'APL 72' },
  'archive.archivePeriod': { basis: 'policy', source: 'agency practice (no statute found)' },
  'archive.retentionYears.important': { basis: 'policy', source: 'agency archive rules' },
  'archive.retentionYears.ordinary': { basis: 'policy', source: 'agency archive rules' },
  'clueTransfer.transferPeriod': { basis: 'policy', source: 'local rules under Supervision Law Art. 34' },
  'clueTransfer.acknowledgementReminder': { basis: 'policy', source: 'local practice' },
  'clueTransfer.feedbackChaseInterval': { basis: 'policy', source: 'local practice' },
  'judicialTransfer.headDecisionPeriod': { basis: 'statute', source: 'Transfer Provisions Art. 5' },
  'judicialTransfer.transferPeriod': { basis: 'statute', source: 'Transfer Provisions Art. 5' },
  'judicialTransfer.policeAnswerPeriod': { basis: 'statute', source: 'Transfer Provisions' },
  'judicialTransfer.reviewRequestPeriod': { basis: 'statute', source: 'Transfer Provisions' },
  'judicialTransfer.copyDecisionPeriod': { basis: 'statute', source: 'Transfer Provisions' },
  'warnings.defaultLeadTime': { basis: 'policy', source: 'agency practice' },
  'warnings.leadTimes': { basis: 'policy', source: 'agency practice' },
} as const satisfies Readonly<Record<string, PolicyFieldSource>>;

export type PolicyField = keyof typeof POLICY_FIELD_SOURCES;

export const POLICY_FIELDS = Object.keys(POLICY_FIELD_SOURCES) as readonly PolicyField[];

/** The fields whose defaults are statute: an override of one is recorded as a deliberate deviation. */
export const STATUTORY_POLICY_FIELDS: readonly PolicyField[] = POLICY_FIELDS.filter(
  (field) => POLICY_FIELD_SOURCES[field].basis === 'statute',
);

const DEADLINE_RULES: { readonly [D in PolicyDeadline]: (policy: AgencyPolicy) => PeriodRule } = {
  'filing.decisionPeriod': (policy) => policy.filing.decisionPeriod,
  'recusal.decisionPeriod': (policy) => policy.recusal.decisionPeriod,
  'preservation.disposalPeriod': (policy) => policy.preservation.disposalPeriod,
  'legalReview.reviewPeriod': (policy) => policy.legalReview.reviewPeriod,
  'notice.responsePeriod': (policy) => policy.notice.responsePeriod,
  'notice.hearingRequestWindow': (policy) => policy.notice.hearingRequestWindow,
  'decision.decisionPeriod': (policy) => policy.decision.decisionPeriod,
  'service.servicePeriod': (policy) => policy.service.servicePeriod,
  'publicity.publicationPeriod': (policy) => policy.publicity.publicationPeriod,
  'publicity.withdrawalPeriod': (policy) => policy.publicity.withdrawalPeriod,
  'execution.paymentPeriod': (policy) => policy.execution.paymentPeriod,
  'archive.archivePeriod': (policy) => policy.archive.archivePeriod,
  'clueTransfer.transferPeriod': (policy) => policy.clueTransfer.transferPeriod,
  'judicialTransfer.headDecisionPeriod': (policy) => policy.judicialTransfer.headDecisionPeriod,
  'judicialTransfer.transferPeriod': (policy) => policy.judicialTransfer.transferPeriod,
  'judicialTransfer.policeAnswerPeriod': (policy) => policy.judicialTransfer.policeAnswerPeriod,
  'judicialTransfer.reviewRequestPeriod': (policy) => policy.judicialTransfer.reviewRequestPeriod,
  'judicialTransfer.copyDecisionPeriod': (policy) => policy.judicialTransfer.copyDecisionPeriod,
};

export const POLICY_DEADLINES = Object.keys(DEADLINE_RULES) as readonly PolicyDeadline[];

export function policyDeadline(policy: AgencyPolicy, deadline: PolicyDeadline): PeriodRule {
  return DEADLINE_RULES[deadline](policy);
}

export function warningLeadTime(policy: AgencyPolicy, deadline: PolicyDeadline): PeriodRule {
  return policy.warnings.leadTimes[deadline] ?? policy.warnings.defaultLeadTime;
}

/** The State Council's ceiling for publishing an enforcement decision (国办发〔2018〕118号). */
export const PUBLICITY_CEILING: PeriodRule = { count: 20, unit: 'working_days' };

export const DEFAULT_POLICY_VERSION = 'default';

const workingDays = (count: number): PeriodRule => ({ count, unit: 'working_days' });
const naturalDays = (count: number): PeriodRule => ({ count, unit: 'natural_days' });
const hours = (count: number): PeriodRule => ({ count, unit: 'hours' });

/** The defaults of domain.md for an agency that has set nothing of its own. */
export function defaultAgencyPolicy(agencyId: string): AgencyPolicy {
  return {
    agencyId: requireText(agencyId, 'agencyId', 64),
    version: DEFAULT_POLICY_VERSION,
    filing: { decisionPeriod: workingDays(15), extension: workingDays(15), maxExtensions: 1 },
    recusal: { decisionPeriod: naturalDays(3) },
    preservation: { disposalPeriod: workingDays(7) },
    // Fines of ¥10,000 and more: a common local threshold, and twice the individual hearing threshold.
    legalReview: { reviewPeriod: workingDays(10), fineThreshold: 10_000 },
    notice: { responsePeriod: workingDays(5), hearingRequestWindow: workingDays(5) },
    // The older market-regulation rule quoted in domain.md (¥5,000 individual / ¥50,000 organization).
    hearing: { noticeLeadTime: workingDays(7), fineThresholds: { individual: 5_000, organization: 50_000 } },
    decision: { decisionPeriod: naturalDays(90), extension: naturalDays(30) },
    service: { servicePeriod: workingDays(7) },
    publicity: { publicationPeriod: workingDays(7), withdrawalPeriod: workingDays(3) },
    execution: { paymentPeriod: naturalDays(15), lateSurchargeRatePerDay: 0.03 },
    archive: { archivePeriod: naturalDays(30), retentionYears: { important: 'permanent', ordinary: 30 } },
    // Feedback is chased monthly; a month is taken as 30 natural days.
    clueTransfer: {
      transferPeriod: workingDays(15),
      acknowledgementReminder: workingDays(5),
      feedbackChaseInterval: naturalDays(30),
    },
    judicialTransfer: {
      headDecisionPeriod: naturalDays(3),
      transferPeriod: hours(24),
      policeAnswerPeriod: naturalDays(3),
      reviewRequestPeriod: naturalDays(3),
      copyDecisionPeriod: naturalDays(10),
    },
    warnings: {
      defaultLeadTime: workingDays(3),
      leadTimes: {
        'recusal.decisionPeriod': naturalDays(1),
        'publicity.withdrawalPeriod': workingDays(1),
        'judicialTransfer.headDecisionPeriod': naturalDays(1),
        'judicialTransfer.transferPeriod': hours(6),
        'judicialTransfer.policeAnswerPeriod': naturalDays(1),
        'judicialTransfer.reviewRequestPeriod': naturalDays(1),
      },
    },
  };
}

// ── validation ──────────────────────────────────────────────────────────────────────────────

/** Ten years of days, as the calendar module allows: beyond any real period, and catches a stray zero. */
const MAX_PERIOD_COUNT = 3_660;
const MAX_RETENTION_YEARS = 1_000;

function invalid(field: string, message: string): DomainError {
  return new DomainError(DomainErrorCode.InvalidInput, `${field}: ${message}`, field);
}

function joinPath(parent: string, key: string): string {
  return parent === '' ? key : `${parent}.${key}`;
}

/** An admin's typo ("decison") would otherwise be dropped silently and the default kept. */
function rejectUnknownKeys(object: Record<string, unknown>, allowed: readonly string[], parent: string): void {
  const unknown = Object.keys(object).find((key) => !allowed.includes(key));
  if (unknown !== undefined) {
    throw invalid(joinPath(parent, unknown), 'is not a policy field');
  }
}

function section(root: Record<string, unknown>, key: string, allowed: readonly string[]): Record<string, unknown> {
  const value = requireObject(root[key], key);
  rejectUnknownKeys(value, allowed, key);
  return value;
}

function requireCount(value: unknown, field: string, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > MAX_PERIOD_COUNT) {
    throw invalid(field, `must be a whole number from ${min} to ${MAX_PERIOD_COUNT}`);
  }
  return value;
}

/** `minCount` is 0 for extensions, where zero means "no extension". */
function parsePeriod(value: unknown, field: string, minCount = 1): PeriodRule {
  const rule = requireObject(value, field);
  rejectUnknownKeys(rule, ['count', 'unit'], field);
  return {
    count: requireCount(rule['count'], `${field}.count`, minCount),
    unit: requireOneOf(rule['unit'], POLICY_PERIOD_UNITS, `${field}.unit`),
  };
}

function parseRate(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > 1) {
    throw invalid(field, 'must be a fraction in (0, 1], e.g. 0.03 for 3% a day');
  }
  return value;
}

function parseRetention(value: unknown, field: string): RetentionTerm {
  if (value === 'permanent') {
    return value;
  }
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_RETENTION_YEARS) {
    throw invalid(field, `must be 'permanent' or a whole number of years from 1 to ${MAX_RETENTION_YEARS}`);
  }
  return value;
}

function retentionRank(term: RetentionTerm): number {
  return term === 'permanent' ? Number.POSITIVE_INFINITY : term;
}

/**
 * A period in natural days or hours is accepted where it can never exceed 20 working days;
 * anything finer needs the calendar, which policy does not see.
 */
function withinPublicityCeiling(rule: PeriodRule): boolean {
  switch (rule.unit) {
    case 'working_days':
    case 'natural_days':
      return rule.count <= PUBLICITY_CEILING.count;
    case 'hours':
      return rule.count <= PUBLICITY_CEILING.count * 24;
  }
}

/**
 * True where the warning would certainly come at or before the deadline's start. Working days
 * span at least as many natural days; a deadline in working days can only be compared with a
 * lead time in working days, since its length in hours depends on the calendar.
 */
function leadTimeNotShorter(lead: PeriodRule, period: PeriodRule): boolean {
  if (lead.unit === period.unit) {
    return lead.count >= period.count;
  }
  if (period.unit === 'working_days') {
    return false;
  }
  const leadHours = lead.unit === 'hours' ? lead.count : lead.count * 24;
  const periodHours = period.unit === 'hours' ? period.count : period.count * 24;
  return leadHours >= periodHours;
}

type SectionKey = Exclude<keyof AgencyPolicy, 'agencyId' | 'version'>;

const SECTION_KEYS: { readonly [S in SectionKey]: readonly (keyof AgencyPolicy[S])[] } = {
  filing: ['decisionPeriod', 'extension', 'maxExtensions'],
  recusal: ['decisionPeriod'],
  preservation: ['disposalPeriod'],
  legalReview: ['reviewPeriod', 'fineThreshold'],
  notice: ['responsePeriod', 'hearingRequestWindow'],
  hearing: ['noticeLeadTime', 'fineThresholds'],
  decision: ['decisionPeriod', 'extension'],
  service: ['servicePeriod'],
  publicity: ['publicationPeriod', 'withdrawalPeriod'],
  execution: ['paymentPeriod', 'lateSurchargeRatePerDay'],
  archive: ['archivePeriod', 'retentionYears'],
  clueTransfer: ['transferPeriod', 'acknowledgementReminder', 'feedbackChaseInterval'],
  judicialTransfer: ['headDecisionPeriod', 'transferPeriod', 'policeAnswerPeriod', 'reviewRequestPeriod', 'copyDecisionPeriod'],
  warnings: ['defaultLeadTime', 'leadTimes'],
};

function parseLeadTimes(value: unknown, field: string): AgencyPolicy['warnings']['leadTimes'] {
  const input = requireObject(value, field);
  rejectUnknownKeys(input, POLICY_DEADLINES, field);
  return Object.fromEntries(
    POLICY_DEADLINES.filter((deadline) => input[deadline] !== undefined).map((deadline) => [
      deadline,
      parsePeriod(input[deadline], `${field}.${deadline}`),
    ]),
  );
}

/**
 * An agency's policy as an admin entered it (JSON), complete and checked; refused with
 * InvalidInput naming the field path at fault.
 */
export function parseAgencyPolicy(input: unknown): AgencyPolicy {
  const root = requireObject(input, 'policy');
  rejectUnknownKeys(root, ['agencyId', 'version', ...Object.keys(SECTION_KEYS)], '');
  const s = Object.fromEntries(
    Object.entries(SECTION_KEYS).map(([key, allowed]) => [key, section(root, key, allowed as readonly string[])]),
  ) as { readonly [S in SectionKey]: Record<string, unknown> };
  const fineThresholds = requireObject(s.hearing['fineThresholds'], 'hearing.fineThresholds');
  rejectUnknownKeys(fineThresholds, ['individual', 'organization'], 'hearing.fineThresholds');
  const retention = requireObject(s.archive['retentionYears'], 'archive.retentionYears');
  rejectUnknownKeys(retention, ['important', 'ordinary'], 'archive.retentionYears');
  const period = (sectionKey: SectionKey, key: string, minCount = 1): PeriodRule =>
    parsePeriod(s[sectionKey][key], `${sectionKey}.${key}`, minCount);

  const policy: AgencyPolicy = {
    agencyId: requireText(root['agencyId'], 'agencyId', 64),
    version: requireText(root['version'], 'version', 64),
    filing: {
      decisionPeriod: period('filing', 'decisionPeriod'),
      extension: period('filing', 'extension', 0),
      maxExtensions: requireCount(s.filing['maxExtensions'], 'filing.maxExtensions', 0),
    },
    recusal: { decisionPeriod: period('recusal', 'decisionPeriod') },
    preservation: { disposalPeriod: period('preservation', 'disposalPeriod') },
    legalReview: {
      reviewPeriod: period('legalReview', 'reviewPeriod'),
      fineThreshold: requireAmount(s.legalReview['fineThreshold'], 'legalReview.fineThreshold'),
    },
    notice: {
      responsePeriod: period('notice', 'responsePeriod'),
      hearingRequestWindow: period('notice', 'hearingRequestWindow'),
    },
    hearing: {
      noticeLeadTime: period('hearing', 'noticeLeadTime'),
      fineThresholds: {
        individual: requireAmount(fineThresholds['individual'], 'hearing.fineThresholds.individual'),
        organization: requireAmount(fineThresholds['organization'], 'hearing.fineThresholds.organization'),
      },
    },
    decision: {
      decisionPeriod: period('decision', 'decisionPeriod'),
      extension: period('decision', 'extension', 0),
    },
    service: { servicePeriod: period('service', 'servicePeriod') },
    publicity: {
      publicationPeriod: period('publicity', 'publicationPeriod'),
      withdrawalPeriod: period('publicity', 'withdrawalPeriod'),
    },
    execution: {
      paymentPeriod: period('execution', 'paymentPeriod'),
      lateSurchargeRatePerDay: parseRate(s.execution['lateSurchargeRatePerDay'], 'execution.lateSurchargeRatePerDay'),
    },
    archive: {
      archivePeriod: period('archive', 'archivePeriod'),
      retentionYears: {
        important: parseRetention(retention['important'], 'archive.retentionYears.important'),
        ordinary: parseRetention(retention['ordinary'], 'archive.retentionYears.ordinary'),
      },
    },
    clueTransfer: {
      transferPeriod: period('clueTransfer', 'transferPeriod'),
      acknowledgementReminder: period('clueTransfer', 'acknowledgementReminder'),
      feedbackChaseInterval: period('clueTransfer', 'feedbackChaseInterval'),
    },
    judicialTransfer: {
      headDecisionPeriod: period('judicialTransfer', 'headDecisionPeriod'),
      transferPeriod: period('judicialTransfer', 'transferPeriod'),
      policeAnswerPeriod: period('judicialTransfer', 'policeAnswerPeriod'),
      reviewRequestPeriod: period('judicialTransfer', 'reviewRequestPeriod'),
      copyDecisionPeriod: period('judicialTransfer', 'copyDecisionPeriod'),
    },
    warnings: {
      defaultLeadTime: period('warnings', 'defaultLeadTime'),
      leadTimes: parseLeadTimes(s.warnings['leadTimes'], 'warnings.leadTimes'),
    },
  };

  if (!withinPublicityCeiling(policy.publicity.publicationPeriod)) {
    throw invalid(
      'publicity.publicationPeriod',
      `must not exceed the State Council ceiling of ${PUBLICITY_CEILING.count} working days (国办发〔2018〕118号)`,
    );
  }
  const { important, ordinary } = policy.archive.retentionYears;
  if (retentionRank(important) < retentionRank(ordinary)) {
    throw invalid('archive.retentionYears.important', 'important files are kept at least as long as ordinary ones');
  }
  for (const deadline of POLICY_DEADLINES) {
    if (leadTimeNotShorter(warningLeadTime(policy, deadline), policyDeadline(policy, deadline))) {
      const field =
        policy.warnings.leadTimes[deadline] === undefined ? 'warnings.defaultLeadTime' : `warnings.leadTimes.${deadline}`;
      throw invalid(field, `the warning must come after ${deadline} starts, so it must be shorter than that period`);
    }
  }
  return policy;
}

// ── overrides and their audit ───────────────────────────────────────────────────────────────

/** A partial policy: what an agency changes relative to a base. */
export type PolicyOverride<T> = { readonly [K in keyof T]?: T[K] extends object ? PolicyOverride<T[K]> : T[K] };
export type AgencyPolicyOverrides = PolicyOverride<AgencyPolicy>;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Built with Object.fromEntries so that a "__proto__" key stays data and is then refused as unknown. */
function deepMerge(base: unknown, patch: unknown): unknown {
  if (patch === undefined) {
    return base;
  }
  if (!isPlainObject(base) || !isPlainObject(patch)) {
    return patch;
  }
  const keys = [...new Set([...Object.keys(base), ...Object.keys(patch)])];
  const own = (object: Record<string, unknown>, key: string): unknown => (Object.hasOwn(object, key) ? object[key] : undefined);
  return Object.fromEntries(keys.map((key) => [key, deepMerge(own(base, key), own(patch, key))]));
}

function sameValue(a: unknown, b: unknown): boolean {
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((key) => sameValue(a[key], b[key]));
  }
  return a === b;
}

export type PolicyFieldValue = PeriodRule | number | RetentionTerm | AgencyPolicy['warnings']['leadTimes'];

function fieldValue(policy: AgencyPolicy, field: PolicyField): PolicyFieldValue {
  return field
    .split('.')
    .reduce<unknown>((value, key) => (value as Record<string, unknown>)[key], policy) as PolicyFieldValue;
}

export interface PolicyFieldChange extends PolicyFieldSource {
  readonly field: PolicyField;
  readonly from: PolicyFieldValue;
  readonly to: PolicyFieldValue;
}

/** The fields in which two policies differ, in the order of POLICY_FIELDS, with their basis. */
export function policyChanges(before: AgencyPolicy, after: AgencyPolicy): readonly PolicyFieldChange[] {
  return POLICY_FIELDS.filter((field) => !sameValue(fieldValue(before, field), fieldValue(after, field))).map(
    (field) => ({ field, ...POLICY_FIELD_SOURCES[field], from: fieldValue(before, field), to: fieldValue(after, field) }),
  );
}

/**
 * The base with an agency's partial override applied; the result is checked as a whole.
 * `overrides` is an AgencyPolicyOverrides, typically an admin's JSON. A change keeps the agency
 * and takes a new version: cases record the version they were decided under.
 */
export function mergePolicy(base: AgencyPolicy, overrides: unknown): AgencyPolicy {
  const patch = requireObject(overrides, 'overrides');
  if (patch['agencyId'] !== undefined && patch['agencyId'] !== base.agencyId) {
    throw invalid('agencyId', 'an override applies to the agency of the policy it overrides');
  }
  const merged = parseAgencyPolicy(deepMerge(base, patch));
  if (merged.version === base.version && policyChanges(base, merged).length > 0) {
    throw invalid('version', `a changed policy needs a version other than ${base.version}`);
  }
  return merged;
}

/** The statutory fields an override changes: each one a deliberate deviation for the audit trail. */
export function statutoryFieldsChanged(base: AgencyPolicy, overrides: unknown): readonly PolicyFieldChange[] {
  return policyChanges(base, mergePolicy(base, overrides)).filter((change) => change.basis === 'statute');
}

// ── applying the numbers ────────────────────────────────────────────────────────────────────

/** Whether a fine is "large" (APL 63) for the party type, so that the party may request a hearing. */
export function isHearingEligibleFine(policy: AgencyPolicy, partyType: PartyType, fine: number): boolean {
  return requireAmount(fine, 'fine') >= policy.hearing.fineThresholds[partyType];
}

/** APL 72: the surcharge for paying late, a daily rate on the fine, never more than the fine itself. */
export function lateSurcharge(policy: AgencyPolicy, fine: number, daysLate: number): number {
  const fineFen = Math.round(requireAmount(fine, 'fine') * 100);
  if (!Number.isInteger(daysLate) || daysLate < 0) {
    throw invalid('daysLate', 'must be a whole number of days, not negative');
  }
  const surchargeFen = Math.round(fineFen * policy.execution.lateSurchargeRatePerDay * daysLate);
  return Math.min(surchargeFen, fineFen) / 100;
}
