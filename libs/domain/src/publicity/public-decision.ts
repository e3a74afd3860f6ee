import type { CaseState, DecisionOutcome, IsoTimestamp, Party, PartyType } from '../case-state';

/** A decision as the publicity portal shows it (行政执法公示, domain.md §6): no personal data of individuals. */
export interface PublicDecision {
  readonly agencyId: string;
  /** The case number (案号) given on filing; a case filed before Docket numbered cases shows its id. */
  readonly caseNumber: string;
  readonly party: { readonly type: PartyType; readonly name: string };
  /** The investigation report's findings. */
  readonly facts: string | null;
  /** The decision's reasoning, which cites the legal basis. */
  readonly legalBasis: string;
  readonly outcome: DecisionOutcome;
  readonly fine: number | null;
  readonly decidedAt: IsoTimestamp;
  readonly publishedAt: IsoTimestamp;
  /** Withdrawals are published too (APL 48). */
  readonly withdrawn?: { readonly at: IsoTimestamp; readonly reason: string };
}

/** 15-digit (first generation) or 18-digit resident ID numbers, not part of a longer run of digits. */
const RESIDENT_ID = /(?<![0-9])(?:[0-9]{17}[0-9Xx]|[0-9]{15})(?![0-9Xx])/g;

const LATIN_LETTER = /^[A-Za-z]/;

/**
 * An individual's name as published: the surname's first character and 某 (张三 → 张某); for a
 * Latin-script name, its first letter and a full stop (Jane Doe → J.). Organizations keep their name.
 */
export function redactedPartyName(party: Party): string {
  if (party.type === 'organization') {
    return party.name;
  }
  const name = party.name.trim();
  const first = Array.from(name)[0] ?? '';
  return LATIN_LETTER.test(first) ? `${first.toUpperCase()}.` : `${first}某`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Masks resident-ID-like numbers and, for an individual, their full name and ID number wherever the text holds them. */
export function redactText(text: string, party: Party): string {
  let redacted = text;
  if (party.type === 'individual') {
    const idNumber = party.idNumber?.trim();
    if (idNumber !== undefined && idNumber !== '') {
      redacted = redacted.replace(new RegExp(escapeRegExp(idNumber), 'gi'), '*'.repeat(idNumber.length));
    }
    const name = party.name.trim();
    if (name !== '') {
      redacted = redacted.replace(new RegExp(escapeRegExp(name), 'gi'), redactedPartyName(party));
    }
  }
  return redacted.replace(RESIDENT_ID, (digits) => '*'.repeat(digits.length));
}

/** The published view of a case, or undefined while its decision has not been published. */
export function publicDecisionOf(state: CaseState): PublicDecision | undefined {
  const { decision, publicity } = state;
  const publishedAt = publicity?.publishedAt;
  if (decision === undefined || publishedAt === undefined) {
    return undefined;
  }
  const party = state.clue.party;
  const findings = state.report?.findings;
  return {
    agencyId: state.agencyId,
    caseNumber: state.caseNumber ?? state.caseId,
    party: { type: party.type, name: redactedPartyName(party) },
    facts: findings === undefined ? null : redactText(findings, party),
    legalBasis: redactText(decision.reasoning, party),
    outcome: decision.outcome,
    fine: decision.fine ?? null,
    decidedAt: decision.decidedAt,
    publishedAt,
    ...(publicity?.withdrawnAt === undefined
      ? {}
      : { withdrawn: { at: publicity.withdrawnAt, reason: redactText(publicity.withdrawalReason ?? '', party) } }),
  };
}
