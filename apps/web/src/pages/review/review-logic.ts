import type { CaseState, PenaltyFinding } from '../../api/cases';
import type { LegalReviewVerdict } from '../../api/review';

/**
 * The legal-review form's rules, as the reviewer meets them before anything is sent. The API checks
 * again (LegalReviewDecisionDto, the workflow's validator); these only spare a round trip.
 */

/** What the reviewer checks (domain.md §2, the domain's LEGAL_REVIEW_CHECKLIST), in its order. */
export const REVIEW_CHECKLIST = [
  'competent_organ',
  'clear_facts',
  'sufficient_evidence',
  'correct_legal_basis',
  'lawful_procedure',
  'proper_discretion',
  'proper_documents',
] as const;
export type ChecklistItem = (typeof REVIEW_CHECKLIST)[number];
export type ChecklistAnswers = Readonly<Partial<Record<ChecklistItem, boolean>>>;

/** The verdicts in the order the form offers them (domain.md §2: 同意, 退回补充调查, 建议修改后提交, 不同意). */
export const REVIEW_VERDICTS: readonly LegalReviewVerdict[] = ['approve', 'return_for_investigation', 'revise_and_resubmit', 'disapprove'];

/** The API's limit on long texts (TEXT_LIMITS.long). */
export const OPINION_MAX_LENGTH = 20_000;

export interface ReviewForm {
  readonly verdict: LegalReviewVerdict | '';
  readonly opinion: string;
  readonly checklist: ChecklistAnswers;
}

/** Message keys per field; empty when the form may be sent. */
export type ReviewFormErrors = Partial<Record<'verdict' | 'opinion' | 'checklist', string>>;

/** The items not ticked, in checklist order. */
export function uncheckedItems(answers: ChecklistAnswers): readonly ChecklistItem[] {
  return REVIEW_CHECKLIST.filter((item) => answers[item] !== true);
}

export function checklistComplete(answers: ChecklistAnswers): boolean {
  return uncheckedItems(answers).length === 0;
}

/** The checklist as sent with the verdict: every point answered, an unticked one as not satisfied, so the record is whole. */
export function checklistBody(answers: ChecklistAnswers): Readonly<Record<ChecklistItem, boolean>> {
  return Object.fromEntries(REVIEW_CHECKLIST.map((item) => [item, answers[item] === true])) as Record<ChecklistItem, boolean>;
}

/**
 * An approval needs every checklist item satisfied (the domain's checkReviewChecklist); every verdict
 * needs an opinion, and one that sends the case back must say why, which the opinion does.
 */
export function validateReviewForm(form: ReviewForm): ReviewFormErrors {
  const errors: ReviewFormErrors = {};
  if (form.verdict === '') {
    errors.verdict = 'review.error.verdictRequired';
  }
  const opinion = form.opinion.trim();
  if (opinion === '') {
    errors.opinion = form.verdict === '' || form.verdict === 'approve' ? 'review.error.opinionRequired' : 'review.error.reasonRequired';
  } else if (form.opinion.length > OPINION_MAX_LENGTH) {
    errors.opinion = 'review.error.opinionTooLong';
  }
  if (form.verdict === 'approve' && !checklistComplete(form.checklist)) {
    errors.checklist = 'review.error.checklistIncomplete';
  }
  return errors;
}

/** The form's field a server problem names (`opinion`, `verdict`, `checklist.clear_facts`…), or undefined for the banner. */
export function formFieldOf(problemField: string | undefined): keyof ReviewFormErrors | undefined {
  if (problemField === undefined) {
    return undefined;
  }
  if (problemField === 'opinion' || problemField === 'verdict') {
    return problemField;
  }
  return problemField === 'checklist' || problemField.startsWith('checklist.') ? 'checklist' : undefined;
}

export type FindingTone = 'ok' | 'warn' | 'neutral';

/** How the benchmark finding is shown: inside its range is fine; outside it, or a no-penalty list ignored, needs the reviewer's eye. */
export function findingTone(finding: PenaltyFinding | undefined): FindingTone {
  switch (finding?.status) {
    case 'within_range':
      return 'ok';
    case 'below_range':
    case 'above_range':
    case 'no_penalty_list_applies':
      return 'warn';
    case 'no_benchmark':
    case undefined:
      return 'neutral';
  }
}

/** Whether the proposal lies inside the benchmark range: yes, no, or not measurable (no benchmark, no fine). */
export function insideRange(finding: PenaltyFinding | undefined): boolean | undefined {
  switch (finding?.status) {
    case 'within_range':
      return true;
    case 'below_range':
    case 'above_range':
      return false;
    case 'no_benchmark':
    case 'no_penalty_list_applies':
    case undefined:
      return undefined;
  }
}

/**
 * Where a fine sits on a benchmark range drawn 0–100%: the range spans the middle of the bar and
 * the fine is clamped to the bar, so a fine far outside still shows on the side it falls.
 */
export function rangeMarker(range: { min: number; max: number }, fine: number): { readonly start: number; readonly end: number; readonly at: number } {
  const span = Math.max(range.max - range.min, 1);
  const low = range.min - span * 0.5;
  const high = range.max + span * 0.5;
  const position = (value: number) => Math.min(100, Math.max(0, ((value - low) / (high - low)) * 100));
  return { start: position(range.min), end: position(range.max), at: position(fine) };
}

/** The signed-in user is one of the case's handlers: the API will refuse the review (APL 58, four eyes). */
export function isOwnCase(state: Pick<CaseState, 'handlers'>, userId: string): boolean {
  return state.handlers.some((handler) => handler.userId === userId);
}

/** Fines as agencies write them: ¥ and thousands separators, fen only when there are some. */
export function formatYuan(amount: number): string {
  const [whole = '0', fen] = amount.toFixed(2).split('.');
  return `¥${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fen === '00' ? '' : `.${fen}`}`;
}
