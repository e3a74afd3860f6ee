import type { CaseRecordSeal } from '@docket/contracts';
import {
  canonicalEventContent,
  checkChain,
  sealDigestMatches,
  type ChainedEventContent,
  type SealKey,
  type StoredChainRow,
} from '@docket/persistence';

export type VerificationProblemKind = 'changed' | 'missing' | 'extra' | 'broken_link';

export interface VerificationProblem {
  readonly sequence: number;
  readonly kind: VerificationProblemKind;
  readonly detail: string;
}

/** What the Temporal history says the workflow recorded, or why it could not be read. */
export type HistoryEvidence =
  | {
      readonly available: true;
      readonly runs: number;
      /** Every event the workflow asked to record, by sequence. */
      readonly events: ReadonlyMap<number, ChainedEventContent>;
      /** Those whose recording activity has not completed yet: their row may not be there. */
      readonly pending: readonly number[];
    }
  | { readonly available: false; readonly reason: string };

export interface SealCheck {
  readonly present: boolean;
  /** Null when there is no seal, or when it was made with a key this server does not hold. */
  readonly valid: boolean | null;
  /** True for an archived case, which should carry one. */
  readonly expected: boolean;
  readonly keyId?: string;
  readonly sealedAt?: string;
  readonly lastSequence?: number;
  readonly detail?: string;
}

export interface HistoryCheck {
  readonly checked: boolean;
  /** The runs of the case workflow read (more than one after continue-as-new). */
  readonly runs: number;
  /** Events the workflow has asked to record whose recording has not completed yet: not judged. */
  readonly pending: readonly number[];
  readonly detail?: string;
}

export interface CaseVerification {
  readonly caseId: string;
  readonly verified: boolean;
  /** The `case_events` rows found for the case. */
  readonly rows: number;
  readonly problems: readonly VerificationProblem[];
  readonly history: HistoryCheck;
  readonly seal: SealCheck;
}

const CONTENT_FIELDS = ['workflowId', 'type', 'actorId', 'actorRole', 'stageBefore', 'stageAfter', 'data', 'occurredAt'] as const;

/** The fields in which the row differs from what the history recorded; names only, never values. */
function differingFields(row: ChainedEventContent, recorded: ChainedEventContent): string[] {
  return CONTENT_FIELDS.filter((field) => {
    const pick = (content: ChainedEventContent): string =>
      canonicalEventContent({ ...recorded, [field]: content[field] });
    return pick(row) !== pick(recorded);
  });
}

/** One problem per sequence: what the history proves outranks what the chain alone suggests. */
const RANK: Record<VerificationProblemKind, number> = { missing: 0, extra: 0, changed: 1, broken_link: 2 };

function merge(problems: readonly VerificationProblem[]): VerificationProblem[] {
  const bySequence = new Map<number, VerificationProblem>();
  for (const problem of problems) {
    const known = bySequence.get(problem.sequence);
    if (known === undefined) {
      bySequence.set(problem.sequence, problem);
    } else if (RANK[problem.kind] < RANK[known.kind]) {
      bySequence.set(problem.sequence, { ...problem, detail: `${problem.detail}; ${known.detail}` });
    } else if (problem.detail !== known.detail) {
      bySequence.set(problem.sequence, { ...known, detail: `${known.detail}; ${problem.detail}` });
    }
  }
  return [...bySequence.values()].sort((a, b) => a.sequence - b.sequence);
}

/** Compares the rows with the events the workflow recorded, sequence by sequence. */
function crossCheck(rows: readonly StoredChainRow[], history: Extract<HistoryEvidence, { available: true }>): VerificationProblem[] {
  const problems: VerificationProblem[] = [];
  const pending = new Set(history.pending);
  const stored = new Map(rows.map((row) => [row.sequence, row]));
  for (const [sequence, recorded] of history.events) {
    const row = stored.get(sequence);
    if (row === undefined) {
      if (pending.has(sequence)) {
        continue;
      }
      problems.push({ sequence, kind: 'missing', detail: `the history records event ${sequence} (${recorded.type}); case_events has no row for it` });
      continue;
    }
    const fields = differingFields(row, recorded);
    if (fields.length > 0) {
      problems.push({ sequence, kind: 'changed', detail: `differs from the history in ${fields.join(', ')}` });
    }
  }
  for (const row of rows) {
    if (!history.events.has(row.sequence)) {
      problems.push({ sequence: row.sequence, kind: 'extra', detail: `case_events has a ${row.type} row the history never recorded` });
    }
  }
  return problems;
}

function checkSeal(
  caseId: string,
  rows: readonly StoredChainRow[],
  seal: CaseRecordSeal | undefined,
  key: SealKey,
  archived: boolean,
): { check: SealCheck; problems: VerificationProblem[] } {
  if (seal === undefined) {
    return {
      check: { present: false, valid: null, expected: archived, ...(archived ? { detail: 'the case is archived but its record carries no seal' } : {}) },
      problems: [],
    };
  }
  const described = { present: true, expected: archived, keyId: seal.keyId, sealedAt: seal.sealedAt, lastSequence: seal.lastSequence };
  const problems: VerificationProblem[] = rows
    .filter((row) => row.sequence > seal.lastSequence)
    .map((row) => ({ sequence: row.sequence, kind: 'extra' as const, detail: `recorded after the seal at ${seal.lastSequence}` }));
  const head = rows.find((row) => row.sequence === seal.lastSequence);
  const faults: string[] = [];
  if (head === undefined) {
    faults.push(`case_events has no row ${seal.lastSequence}, where the record was sealed`);
  } else if (head.hash !== seal.chainHead) {
    faults.push(`the hash of row ${seal.lastSequence} is not the sealed chain head`);
  }
  if (problems.length > 0) {
    faults.push(`${problems.length} row(s) follow the sealed head`);
  }
  if (seal.keyId !== key.id) {
    faults.push(`sealed with key ${seal.keyId}, which this server does not hold: the digest was not checked`);
    return { check: { ...described, valid: faults.length > 1 ? false : null, detail: faults.join('; ') }, problems };
  }
  if (!sealDigestMatches(key, { caseId, lastSequence: seal.lastSequence, chainHead: seal.chainHead }, seal.digest)) {
    faults.push('the digest is not the seal key’s over the sealed head: the seal was altered or forged');
  }
  return { check: { ...described, valid: faults.length === 0, ...(faults.length === 0 ? {} : { detail: faults.join('; ') }) }, problems };
}

/**
 * The verdict on one case's record: its hash chain recomputed, its rows checked against what the
 * workflow recorded in Temporal (when the history is still kept), and its seal. A tampered record
 * is a finding, reported problem by problem, not an error.
 */
export function verifyCaseRecord(input: {
  readonly caseId: string;
  readonly rows: readonly StoredChainRow[];
  readonly history: HistoryEvidence;
  readonly seal: CaseRecordSeal | undefined;
  readonly sealKey: SealKey;
  readonly archived: boolean;
}): CaseVerification {
  const { caseId, rows, history } = input;
  const sealed = checkSeal(caseId, rows, input.seal, input.sealKey, input.archived);
  const problems = merge([...(history.available ? crossCheck(rows, history) : []), ...sealed.problems, ...checkChain(rows)]);
  const historyCheck: HistoryCheck = history.available
    ? { checked: true, runs: history.runs, pending: history.pending }
    : { checked: false, runs: 0, pending: [], detail: history.reason };
  return {
    caseId,
    verified: problems.length === 0 && sealed.check.valid !== false,
    rows: rows.length,
    problems,
    history: historyCheck,
    seal: sealed.check,
  };
}
