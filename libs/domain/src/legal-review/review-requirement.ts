import { DECISION_OUTCOMES, type DecisionOutcome } from '../case-state';
import { DomainError, DomainErrorCode } from '../domain-error';
import { TEXT_LIMITS, optionalText, requireAmount, requireObject, requireOneOf } from '../input-rules';
import type { AgencyPolicy } from '../policy/agency-policy';

/**
 * Which cases need legal review (法制审核, APL 58), what the reviewer checks, and what the
 * reviewer may decide. The requirement is a function of the case as the investigation report
 * describes it, evaluated and recorded when the report is submitted.
 */

export type LegalReviewGroundCode =
  | 'major_public_interest'
  | 'major_rights_after_hearing'
  | 'complex_legal_relations'
  | 'other_statutory'
  | 'fine_above_threshold';

/** Where each ground comes from. The first four are APL 58 ¶1 items (1)–(4); the last is agency policy. */
export const LEGAL_REVIEW_GROUND_BASIS: { readonly [G in LegalReviewGroundCode]: string } = {
  major_public_interest: 'APL 58(1)',
  major_rights_after_hearing: 'APL 58(2)',
  complex_legal_relations: 'APL 58(3)',
  other_statutory: 'APL 58(4)',
  fine_above_threshold: 'agency policy legalReview.fineThreshold',
};

export interface LegalReviewGround {
  readonly code: LegalReviewGroundCode;
  readonly basis: string;
  /** What made the ground apply: the law named, or the fine against the threshold. */
  readonly detail?: string;
}

/** The case at report submission, as the handlers describe it. */
export interface LegalReviewFacts {
  /** 涉及重大公共利益 */
  readonly touchesMajorPublicInterest: boolean;
  /** 直接关系当事人或者第三人重大权益，经过听证程序 */
  readonly affectsMajorRightsAfterHearing: boolean;
  /** 案件情况疑难复杂、涉及多个法律关系 */
  readonly complexMultipleLegalRelations: boolean;
  /** The law or regulation that requires review in this case, if one does (APL 58(4)). */
  readonly otherStatutoryGround?: string;
  readonly proposedOutcome: DecisionOutcome;
  /** Yuan; only with a proposed penalty. */
  readonly proposedFine?: number;
}

export interface LegalReviewRequirement {
  readonly required: boolean;
  readonly grounds: readonly LegalReviewGround[];
  /** The policy the fine threshold came from, so the record shows which rule applied. */
  readonly policyVersion: string;
}

function invalid(field: string, message: string): DomainError {
  return new DomainError(DomainErrorCode.InvalidInput, `${field}: ${message}`, field);
}

function requireBoolean(value: unknown, field: string): boolean {
  if (typeof value !== 'boolean') {
    throw invalid(field, 'must be true or false');
  }
  return value;
}

/** The facts checked: the workflow cannot trust its callers, so it parses what they send. */
export function parseLegalReviewFacts(input: unknown): LegalReviewFacts {
  const facts = requireObject(input, 'facts');
  const proposedOutcome = requireOneOf(facts['proposedOutcome'], DECISION_OUTCOMES, 'proposedOutcome');
  const otherStatutoryGround = optionalText(facts['otherStatutoryGround'], 'otherStatutoryGround', TEXT_LIMITS.short);
  const fine = facts['proposedFine'];
  if (fine !== undefined && fine !== null && proposedOutcome !== 'penalty') {
    throw invalid('proposedFine', 'a fine belongs only to a penalty');
  }
  const proposedFine = fine === undefined || fine === null ? undefined : requireAmount(fine, 'proposedFine');
  return {
    touchesMajorPublicInterest: requireBoolean(facts['touchesMajorPublicInterest'], 'touchesMajorPublicInterest'),
    affectsMajorRightsAfterHearing: requireBoolean(facts['affectsMajorRightsAfterHearing'], 'affectsMajorRightsAfterHearing'),
    complexMultipleLegalRelations: requireBoolean(facts['complexMultipleLegalRelations'], 'complexMultipleLegalRelations'),
    ...(otherStatutoryGround === undefined ? {} : { otherStatutoryGround }),
    proposedOutcome,
    ...(proposedFine === undefined ? {} : { proposedFine }),
  };
}

/**
 * APL 58 plus the agency's fine threshold. A fine at the threshold counts: thresholds read as
 * 以上, which in Chinese law includes the figure itself.
 */
export function assessLegalReviewRequirement(facts: LegalReviewFacts, policy: AgencyPolicy): LegalReviewRequirement {
  const checked = parseLegalReviewFacts(facts);
  const ground = (code: LegalReviewGroundCode, detail?: string): LegalReviewGround => ({
    code,
    basis: LEGAL_REVIEW_GROUND_BASIS[code],
    ...(detail === undefined ? {} : { detail }),
  });
  const grounds: LegalReviewGround[] = [];
  if (checked.touchesMajorPublicInterest) {
    grounds.push(ground('major_public_interest'));
  }
  if (checked.affectsMajorRightsAfterHearing) {
    grounds.push(ground('major_rights_after_hearing'));
  }
  if (checked.complexMultipleLegalRelations) {
    grounds.push(ground('complex_legal_relations'));
  }
  if (checked.otherStatutoryGround !== undefined) {
    grounds.push(ground('other_statutory', checked.otherStatutoryGround));
  }
  const threshold = policy.legalReview.fineThreshold;
  if (checked.proposedFine !== undefined && checked.proposedFine >= threshold) {
    grounds.push(
      ground('fine_above_threshold', `proposed fine ${checked.proposedFine} ≥ threshold ${threshold} (policy ${policy.version})`),
    );
  }
  return { required: grounds.length > 0, grounds, policyVersion: policy.version };
}

// ── checklist ───────────────────────────────────────────────────────────────────────────────

export type LegalReviewChecklistItemId =
  | 'competent_organ'
  | 'clear_facts'
  | 'sufficient_evidence'
  | 'correct_legal_basis'
  | 'lawful_procedure'
  | 'proper_discretion'
  | 'proper_documents';

export interface LegalReviewChecklistItem {
  readonly id: LegalReviewChecklistItemId;
  readonly zh: string;
  readonly en: string;
}

/** What the reviewer checks (domain.md §2; 国办发〔2018〕118号 lists the same points). */
export const LEGAL_REVIEW_CHECKLIST: readonly LegalReviewChecklistItem[] = [
  { id: 'competent_organ', zh: '执法主体合法', en: 'The enforcing organ is competent' },
  { id: 'clear_facts', zh: '事实清楚', en: 'The facts are clear' },
  { id: 'sufficient_evidence', zh: '证据确凿充分', en: 'The evidence is conclusive and sufficient' },
  { id: 'correct_legal_basis', zh: '适用依据正确', en: 'The legal basis is correctly applied' },
  { id: 'lawful_procedure', zh: '程序合法', en: 'The procedure is lawful' },
  { id: 'proper_discretion', zh: '裁量适当', en: 'Discretion is properly exercised' },
  { id: 'proper_documents', zh: '文书规范', en: 'The documents are complete and proper' },
];

export type LegalReviewChecklistAnswers = { readonly [I in LegalReviewChecklistItemId]?: boolean };

// ── verdicts ────────────────────────────────────────────────────────────────────────────────

export type LegalReviewVerdict = 'approve' | 'return_for_investigation' | 'revise_and_resubmit' | 'disapprove';

export const LEGAL_REVIEW_VERDICTS: readonly LegalReviewVerdict[] = [
  'approve',
  'return_for_investigation',
  'revise_and_resubmit',
  'disapprove',
];

export interface LegalReviewVerdictLabel {
  readonly zh: string;
  readonly en: string;
  /** What follows (domain.md §2, legal_review). */
  readonly effect: 'proceed_to_notice' | 'back_to_investigation' | 'back_to_handlers_to_revise' | 'no_decision';
}

export const LEGAL_REVIEW_VERDICT_LABELS: { readonly [V in LegalReviewVerdict]: LegalReviewVerdictLabel } = {
  approve: { zh: '同意', en: 'Approve', effect: 'proceed_to_notice' },
  return_for_investigation: {
    zh: '退回补充调查',
    en: 'Return for supplementary investigation',
    effect: 'back_to_investigation',
  },
  revise_and_resubmit: { zh: '建议修改后提交', en: 'Revise and resubmit', effect: 'back_to_handlers_to_revise' },
  disapprove: { zh: '不同意', en: 'Disapprove', effect: 'no_decision' },
};

/**
 * The checklist items not satisfied (answered no, or not answered), in checklist order. An
 * approval needs every item satisfied; the other verdicts record the failed items as their reasons.
 */
export function checkReviewChecklist(
  verdict: LegalReviewVerdict,
  answers: LegalReviewChecklistAnswers,
): readonly LegalReviewChecklistItemId[] {
  requireOneOf(verdict, LEGAL_REVIEW_VERDICTS, 'verdict');
  const input = requireObject(answers, 'checklist');
  const ids = LEGAL_REVIEW_CHECKLIST.map((item) => item.id);
  const unknown = Object.keys(input).find((key) => !(ids as readonly string[]).includes(key));
  if (unknown !== undefined) {
    throw invalid(`checklist.${unknown}`, 'is not a checklist item');
  }
  for (const id of ids) {
    if (input[id] !== undefined) {
      requireBoolean(input[id], `checklist.${id}`);
    }
  }
  const failed = ids.filter((id) => input[id] !== true);
  const [firstFailed] = failed;
  if (verdict === 'approve' && firstFailed !== undefined) {
    throw invalid(`checklist.${firstFailed}`, 'an approval needs every checklist item satisfied');
  }
  return failed;
}
