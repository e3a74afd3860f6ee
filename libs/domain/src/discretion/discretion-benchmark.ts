import { DECISION_OUTCOMES, type DecisionOutcome, type IsoTimestamp } from '../case-state';
import { DomainError, DomainErrorCode } from '../domain-error';
import {
  TEXT_LIMITS,
  optionalText,
  requireAmount,
  requireArray,
  requireObject,
  requireOneOf,
  requireText,
  requireTimestamp,
} from '../input-rules';

/**
 * Discretion benchmarks (行政裁量权基准, APL 34; domain.md §5): for each violation code, the fine
 * range allowed at each severity, plus the agency's no-penalty lists. A proposed fine outside its
 * range is a finding for the reviewer, never a refusal: the reviewer may still find it justified.
 */

/** In ascending order of severity. */
export type ViolationSeverity = 'minor' | 'ordinary' | 'serious' | 'grave';
export const VIOLATION_SEVERITIES: readonly ViolationSeverity[] = ['minor', 'ordinary', 'serious', 'grave'];

export const VIOLATION_SEVERITY_LABELS: { readonly [S in ViolationSeverity]: { readonly zh: string; readonly en: string } } = {
  minor: { zh: '轻微', en: 'minor' },
  ordinary: { zh: '一般', en: 'ordinary' },
  serious: { zh: '较重', en: 'serious' },
  grave: { zh: '严重', en: 'grave' },
};

/** Yuan, both ends included. */
export interface FineRange {
  readonly min: number;
  readonly max: number;
}

export interface BenchmarkTier {
  readonly severity: ViolationSeverity;
  readonly range: FineRange;
  readonly description?: string;
}

export interface BenchmarkItem {
  readonly violationCode: string;
  readonly title: string;
  /** The provision that sets the statutory range. */
  readonly legalBasis: string;
  readonly statutoryRange: FineRange;
  /** In ascending order of severity, one per severity. */
  readonly tiers: readonly BenchmarkTier[];
}

export interface NoPenaltyListEntry {
  readonly violationCode: string;
  /** The conditions the agency published with the entry. */
  readonly conditions: string;
}

export interface DiscretionBenchmark {
  readonly agencyId: string;
  readonly version: string;
  /** APL 34: a benchmark binds only once published. */
  readonly published: boolean;
  readonly publishedAt?: IsoTimestamp;
  readonly items: readonly BenchmarkItem[];
  /** 首违不罚: first violation, minor harm, promptly corrected: the agency may decline to penalise (APL 33 ¶1). */
  readonly firstViolationNoPenalty: readonly NoPenaltyListEntry[];
  /** 轻微免罚: minor, promptly corrected, no harm: no penalty (APL 33 ¶1). */
  readonly minorNoPenalty: readonly NoPenaltyListEntry[];
}

/** domain.md §5: a benchmark has at least three tiers. */
export const MIN_BENCHMARK_TIERS = 3;
const MAX_BENCHMARK_ITEMS = 5_000;

function invalid(field: string, message: string): DomainError {
  return new DomainError(DomainErrorCode.InvalidInput, `${field}: ${message}`, field);
}

function requireBoolean(value: unknown, field: string): boolean {
  if (typeof value !== 'boolean') {
    throw invalid(field, 'must be true or false');
  }
  return value;
}

function formatYuan(amount: number): string {
  const [whole = '0', fen] = amount.toFixed(2).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `¥${grouped}${fen === '00' ? '' : `.${fen}`}`;
}

function formatRange(range: FineRange): string {
  return `${formatYuan(range.min)}–${formatYuan(range.max)}`;
}

function parseRange(value: unknown, field: string): FineRange {
  const range = requireObject(value, field, ['min', 'max']);
  const min = requireAmount(range['min'], `${field}.min`);
  const max = requireAmount(range['max'], `${field}.max`);
  if (min > max) {
    throw invalid(`${field}.min`, `must not exceed max (${formatRange({ min, max })})`);
  }
  return { min, max };
}

function parseTier(value: unknown, field: string, statutory: FineRange): BenchmarkTier {
  const tier = requireObject(value, field, ['severity', 'range', 'description']);
  const severity = requireOneOf(tier['severity'], VIOLATION_SEVERITIES, `${field}.severity`);
  const range = parseRange(tier['range'], `${field}.range`);
  if (range.min < statutory.min || range.max > statutory.max) {
    throw invalid(`${field}.range`, `${formatRange(range)} leaves the statutory range ${formatRange(statutory)} (APL 34)`);
  }
  const description = optionalText(tier['description'], `${field}.description`);
  return { severity, range, ...(description === undefined ? {} : { description }) };
}

/**
 * Tiers go up with severity and do not overlap. Adjacent tiers may share an end point, as
 * published benchmarks often write "5万元以上10万元以下" followed by "10万元以上".
 */
function parseTiers(value: unknown, field: string, statutory: FineRange): readonly BenchmarkTier[] {
  const tiers = requireArray(value, field, VIOLATION_SEVERITIES.length).map((tier, index) =>
    parseTier(tier, `${field}[${index}]`, statutory),
  );
  if (tiers.length < MIN_BENCHMARK_TIERS) {
    throw invalid(field, `a benchmark has at least ${MIN_BENCHMARK_TIERS} tiers (domain.md §5)`);
  }
  tiers.forEach((tier, index) => {
    const previous = tiers[index - 1];
    if (previous === undefined) {
      return;
    }
    if (VIOLATION_SEVERITIES.indexOf(tier.severity) <= VIOLATION_SEVERITIES.indexOf(previous.severity)) {
      throw invalid(`${field}[${index}].severity`, 'tiers are listed once each, in ascending order of severity');
    }
    if (tier.range.min < previous.range.max) {
      throw invalid(
        `${field}[${index}].range`,
        `${formatRange(tier.range)} overlaps or undercuts the less severe tier ${formatRange(previous.range)}`,
      );
    }
  });
  return tiers;
}

function parseItem(value: unknown, field: string): BenchmarkItem {
  const item = requireObject(value, field, ['violationCode', 'title', 'legalBasis', 'statutoryRange', 'tiers']);
  const statutoryRange = parseRange(item['statutoryRange'], `${field}.statutoryRange`);
  if (statutoryRange.max === 0) {
    throw invalid(`${field}.statutoryRange.max`, 'must be above zero');
  }
  return {
    violationCode: requireText(item['violationCode'], `${field}.violationCode`, 64),
    title: requireText(item['title'], `${field}.title`, TEXT_LIMITS.short),
    legalBasis: requireText(item['legalBasis'], `${field}.legalBasis`, TEXT_LIMITS.short),
    statutoryRange,
    tiers: parseTiers(item['tiers'], `${field}.tiers`, statutoryRange),
  };
}

function parseNoPenaltyList(value: unknown, field: string): readonly NoPenaltyListEntry[] {
  const seen = new Set<string>();
  return requireArray(value, field, MAX_BENCHMARK_ITEMS).map((entryValue, index) => {
    const entry = requireObject(entryValue, `${field}[${index}]`, ['violationCode', 'conditions']);
    const violationCode = requireText(entry['violationCode'], `${field}[${index}].violationCode`, 64);
    if (seen.has(violationCode)) {
      throw invalid(`${field}[${index}].violationCode`, `${violationCode} is listed twice`);
    }
    seen.add(violationCode);
    return { violationCode, conditions: requireText(entry['conditions'], `${field}[${index}].conditions`) };
  });
}

/** A benchmark as an admin entered it, checked against APL 34 and domain.md §5. */
export function parseDiscretionBenchmark(input: unknown): DiscretionBenchmark {
  const benchmark = requireObject(input, 'benchmark');
  const published = requireBoolean(benchmark['published'], 'published');
  const publishedAtValue = benchmark['publishedAt'];
  const hasDate = publishedAtValue !== undefined && publishedAtValue !== null;
  if (published !== hasDate) {
    throw invalid('publishedAt', published ? 'a published benchmark has its publication date' : 'only a published benchmark has a publication date');
  }
  const seen = new Set<string>();
  const items = requireArray(benchmark['items'], 'items', MAX_BENCHMARK_ITEMS).map((value, index) => {
    const item = parseItem(value, `items[${index}]`);
    if (seen.has(item.violationCode)) {
      throw invalid(`items[${index}].violationCode`, `${item.violationCode} has another benchmark item already`);
    }
    seen.add(item.violationCode);
    return item;
  });
  return {
    agencyId: requireText(benchmark['agencyId'], 'agencyId', 64),
    version: requireText(benchmark['version'], 'version', 64),
    published,
    ...(hasDate ? { publishedAt: requireTimestamp(publishedAtValue, 'publishedAt') } : {}),
    items,
    firstViolationNoPenalty: parseNoPenaltyList(benchmark['firstViolationNoPenalty'], 'firstViolationNoPenalty'),
    minorNoPenalty: parseNoPenaltyList(benchmark['minorNoPenalty'], 'minorNoPenalty'),
  };
}

// ── checking a proposal ─────────────────────────────────────────────────────────────────────

export interface ProposedPenalty {
  readonly violationCode: string;
  readonly severity: ViolationSeverity;
  readonly proposedOutcome: DecisionOutcome;
  /** Yuan; only with a penalty. A penalty without one (a warning) counts as a fine of zero. */
  readonly proposedFine?: number;
  readonly firstViolation: boolean;
  readonly promptlyCorrected: boolean;
}

export type PenaltyFindingStatus = 'within_range' | 'below_range' | 'above_range' | 'no_benchmark' | 'no_penalty_list_applies';

export interface PenaltyFinding {
  readonly status: PenaltyFindingStatus;
  readonly range?: FineRange;
  readonly message: string;
}

function parseProposal(input: unknown): ProposedPenalty {
  const proposal = requireObject(input, 'proposal');
  const proposedOutcome = requireOneOf(proposal['proposedOutcome'], DECISION_OUTCOMES, 'proposedOutcome');
  const fine = proposal['proposedFine'];
  if (fine !== undefined && fine !== null && proposedOutcome !== 'penalty') {
    throw invalid('proposedFine', 'a fine belongs only to a penalty');
  }
  return {
    violationCode: requireText(proposal['violationCode'], 'violationCode', 64),
    severity: requireOneOf(proposal['severity'], VIOLATION_SEVERITIES, 'severity'),
    proposedOutcome,
    ...(fine === undefined || fine === null ? {} : { proposedFine: requireAmount(fine, 'proposedFine') }),
    firstViolation: requireBoolean(proposal['firstViolation'], 'firstViolation'),
    promptlyCorrected: requireBoolean(proposal['promptlyCorrected'], 'promptlyCorrected'),
  };
}

/** Which no-penalty list covers the proposal, if any; the minor list first, since it is the stronger rule. */
function applicableNoPenaltyList(benchmark: DiscretionBenchmark, proposal: ProposedPenalty): string | undefined {
  const listed = (list: readonly NoPenaltyListEntry[]): boolean =>
    list.some((entry) => entry.violationCode === proposal.violationCode);
  if (proposal.severity === 'minor' && proposal.promptlyCorrected && listed(benchmark.minorNoPenalty)) {
    return '轻微免罚 (minor, promptly corrected: no penalty, APL 33)';
  }
  if (proposal.firstViolation && proposal.promptlyCorrected && listed(benchmark.firstViolationNoPenalty)) {
    return '首违不罚 (first violation, promptly corrected: penalty may be waived, APL 33)';
  }
  return undefined;
}

/**
 * What the reviewer is shown about a proposed penalty: whether the fine lies inside the tier for
 * its severity, or whether a no-penalty list covers the case. Checked in that order of importance:
 * an unpublished benchmark binds nothing; a no-penalty list outweighs a range.
 */
export function checkProposedPenalty(benchmark: DiscretionBenchmark, input: ProposedPenalty): PenaltyFinding {
  const proposal = parseProposal(input);
  const { violationCode, severity, proposedOutcome } = proposal;
  if (!benchmark.published) {
    return { status: 'no_benchmark', message: `benchmark ${benchmark.version} is not published and binds nothing (APL 34)` };
  }
  if (proposedOutcome === 'not_established' || proposedOutcome === 'judicial_transfer') {
    return { status: 'no_benchmark', message: `the benchmark does not apply to the outcome ${proposedOutcome}` };
  }
  const tier = benchmark.items
    .find((item) => item.violationCode === violationCode)
    ?.tiers.find((candidate) => candidate.severity === severity);
  const severityLabel = `${VIOLATION_SEVERITY_LABELS[severity].zh} (${severity})`;
  const withRange = tier === undefined ? {} : { range: tier.range };
  const list = applicableNoPenaltyList(benchmark, proposal);
  if (list !== undefined) {
    const message =
      proposedOutcome === 'penalty'
        ? `${violationCode}: ${list} applies, yet a penalty is proposed`
        : `${violationCode}: ${list} applies; no penalty is proposed`;
    return { status: 'no_penalty_list_applies', ...withRange, message };
  }
  if (proposedOutcome === 'no_penalty') {
    return {
      status: 'no_benchmark',
      ...withRange,
      message: `${violationCode}: no penalty is proposed but no no-penalty list covers it; check the APL 33 ground in the report`,
    };
  }
  if (tier === undefined) {
    return { status: 'no_benchmark', message: `${violationCode}: the benchmark has no ${severityLabel} tier for this violation` };
  }
  const fine = proposal.proposedFine ?? 0;
  const described = `${violationCode}: proposed fine ${formatYuan(fine)}`;
  const rangeText = `the ${severityLabel} range ${formatRange(tier.range)}`;
  if (fine < tier.range.min) {
    return { status: 'below_range', range: tier.range, message: `${described} is below ${rangeText}` };
  }
  if (fine > tier.range.max) {
    return { status: 'above_range', range: tier.range, message: `${described} is above ${rangeText}` };
  }
  return { status: 'within_range', range: tier.range, message: `${described} is within ${rangeText}` };
}

// ── the common formula ──────────────────────────────────────────────────────────────────────

/**
 * The common benchmark formula: with Y = min ÷ max, fine = (Y + Σ factor% × (1 − Y)) × max, which
 * equals min + Σ factor% × (max − min). Factors are percentages (5 for 5%); mitigating ones may be
 * negative, but their sum stays within 0–100 so that the fine stays within the statutory range.
 * Rounded to the fen.
 */
export function benchmarkFine(statutoryMin: number, statutoryMax: number, factorPercents: readonly number[]): number {
  const range = parseRange({ min: statutoryMin, max: statutoryMax }, 'statutoryRange');
  if (range.max === 0) {
    throw invalid('statutoryRange.max', 'must be above zero');
  }
  const factors = requireArray(factorPercents, 'factorPercents', 100);
  const sum = factors.reduce<number>((total, factor, index) => {
    if (typeof factor !== 'number' || !Number.isFinite(factor)) {
      throw invalid(`factorPercents[${index}]`, 'must be a percentage');
    }
    return total + factor;
  }, 0);
  // Tolerates float noise such as 33.3 + 33.3 + 33.4.
  if (sum < -1e-9 || sum > 100 + 1e-9) {
    throw invalid('factorPercents', `must add up to between 0 and 100, not ${sum}`);
  }
  const minFen = Math.round(range.min * 100);
  const maxFen = Math.round(range.max * 100);
  return Math.round(minFen + (sum * (maxFen - minFen)) / 100) / 100;
}

// ── divergent penalties (同案不同罚) ────────────────────────────────────────────────────────

export interface PenaltySample {
  readonly caseId: string;
  readonly violationCode: string;
  readonly severity: ViolationSeverity;
  /** Yuan; zero for a penalty without a fine. */
  readonly fine: number;
}

export interface DivergentPenaltyGroup {
  readonly violationCode: string;
  readonly severity: ViolationSeverity;
  readonly minFine: number;
  readonly maxFine: number;
  /** Every case in the group, lowest fine first. */
  readonly cases: readonly PenaltySample[];
}

/**
 * Similar cases are those with the same violation code and severity. A group diverges when its
 * highest fine exceeds its lowest by more than the tolerance: max > min × (1 + tolerance). So
 * tolerance 0.5 accepts fines up to 1.5 times the lowest; a zero fine beside any positive one
 * always diverges. Groups come back ordered by violation code, then severity.
 */
export function divergentPenalties(cases: readonly PenaltySample[], tolerance: number): readonly DivergentPenaltyGroup[] {
  if (typeof tolerance !== 'number' || !Number.isFinite(tolerance) || tolerance < 0) {
    throw invalid('tolerance', 'must be a fraction, zero or more (0.5 for 50%)');
  }
  const groups = new Map<string, PenaltySample[]>();
  const seen = new Set<string>();
  requireArray(cases, 'cases', 1_000_000).forEach((value, index) => {
    const sample = requireObject(value, `cases[${index}]`);
    const caseId = requireText(sample['caseId'], `cases[${index}].caseId`, 64);
    if (seen.has(caseId)) {
      throw invalid(`cases[${index}].caseId`, `${caseId} is listed twice`);
    }
    seen.add(caseId);
    const checked: PenaltySample = {
      caseId,
      violationCode: requireText(sample['violationCode'], `cases[${index}].violationCode`, 64),
      severity: requireOneOf(sample['severity'], VIOLATION_SEVERITIES, `cases[${index}].severity`),
      fine: requireAmount(sample['fine'], `cases[${index}].fine`),
    };
    const key = JSON.stringify([checked.violationCode, checked.severity]);
    groups.set(key, [...(groups.get(key) ?? []), checked]);
  });
  return [...groups.values()]
    .map((group) => [...group].sort((a, b) => a.fine - b.fine || (a.caseId < b.caseId ? -1 : 1)))
    .flatMap((sorted): DivergentPenaltyGroup[] => {
      const [lowest] = sorted;
      const highest = sorted[sorted.length - 1];
      if (lowest === undefined || highest === undefined || highest.fine <= lowest.fine * (1 + tolerance)) {
        return [];
      }
      return [
        {
          violationCode: lowest.violationCode,
          severity: lowest.severity,
          minFine: lowest.fine,
          maxFine: highest.fine,
          cases: sorted,
        },
      ];
    })
    .sort((a, b) =>
      a.violationCode === b.violationCode
        ? VIOLATION_SEVERITIES.indexOf(a.severity) - VIOLATION_SEVERITIES.indexOf(b.severity)
        : a.violationCode < b.violationCode
          ? -1
          : 1,
    );
}
