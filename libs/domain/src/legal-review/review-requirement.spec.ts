import { DomainError, DomainErrorCode } from '../domain-error';
import { defaultAgencyPolicy, mergePolicy } from '../policy';
import {
  LEGAL_REVIEW_CHECKLIST,
  LEGAL_REVIEW_VERDICTS,
  LEGAL_REVIEW_VERDICT_LABELS,
  assessLegalReviewRequirement,
  checkReviewChecklist,
  type LegalReviewChecklistAnswers,
  type LegalReviewFacts,
} from './index';

const POLICY = defaultAgencyPolicy('agency-a');

const NONE: LegalReviewFacts = {
  touchesMajorPublicInterest: false,
  affectsMajorRightsAfterHearing: false,
  complexMultipleLegalRelations: false,
  proposedOutcome: 'penalty',
  proposedFine: 2_000,
};

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

const ALL_SATISFIED: LegalReviewChecklistAnswers = Object.fromEntries(
  LEGAL_REVIEW_CHECKLIST.map((item) => [item.id, true]),
);

describe('assessLegalReviewRequirement (APL 58)', () => {
  it('requires no review where no ground applies', () => {
    expect(assessLegalReviewRequirement(NONE, POLICY)).toEqual({ required: false, grounds: [], policyVersion: 'default' });
  });

  it('APL 58(1): requires review of a decision touching major public interest', () => {
    expect(assessLegalReviewRequirement({ ...NONE, touchesMajorPublicInterest: true }, POLICY)).toEqual({
      required: true,
      grounds: [{ code: 'major_public_interest', basis: 'APL 58(1)' }],
      policyVersion: 'default',
    });
  });

  it('APL 58(2): requires review where major rights are at stake and a hearing was held', () => {
    expect(assessLegalReviewRequirement({ ...NONE, affectsMajorRightsAfterHearing: true }, POLICY).grounds).toEqual([
      { code: 'major_rights_after_hearing', basis: 'APL 58(2)' },
    ]);
  });

  it('APL 58(3): requires review of a complex case with several legal relations', () => {
    expect(assessLegalReviewRequirement({ ...NONE, complexMultipleLegalRelations: true }, POLICY).grounds).toEqual([
      { code: 'complex_legal_relations', basis: 'APL 58(3)' },
    ]);
  });

  it('APL 58(4): requires review where another law says so, recording which', () => {
    const facts = { ...NONE, otherStatutoryGround: 'Food Safety Law Art. 122' };
    expect(assessLegalReviewRequirement(facts, POLICY).grounds).toEqual([
      { code: 'other_statutory', basis: 'APL 58(4)', detail: 'Food Safety Law Art. 122' },
    ]);
    expectInvalid(() => assessLegalReviewRequirement({ ...NONE, otherStatutoryGround: ' ' }, POLICY), 'otherStatutoryGround');
  });

  it('policy: requires review of a fine at or above the agency’s threshold', () => {
    expect(assessLegalReviewRequirement({ ...NONE, proposedFine: 10_000 }, POLICY)).toEqual({
      required: true,
      grounds: [
        {
          code: 'fine_above_threshold',
          basis: 'agency policy legalReview.fineThreshold',
          detail: 'proposed fine 10000 ≥ threshold 10000 (policy default)',
        },
      ],
      policyVersion: 'default',
    });
    expect(assessLegalReviewRequirement({ ...NONE, proposedFine: 9_999.99 }, POLICY).required).toBe(false);
    const raised = mergePolicy(POLICY, { version: 'v2', legalReview: { fineThreshold: 20_000 } });
    expect(assessLegalReviewRequirement({ ...NONE, proposedFine: 10_000 }, raised)).toEqual({
      required: false,
      grounds: [],
      policyVersion: 'v2',
    });
  });

  it('records every ground that applies, in the order of APL 58', () => {
    const facts: LegalReviewFacts = {
      touchesMajorPublicInterest: true,
      affectsMajorRightsAfterHearing: true,
      complexMultipleLegalRelations: true,
      otherStatutoryGround: 'Regulation X Art. 9',
      proposedOutcome: 'penalty',
      proposedFine: 80_000,
    };
    expect(assessLegalReviewRequirement(facts, POLICY).grounds.map((ground) => ground.code)).toEqual([
      'major_public_interest',
      'major_rights_after_hearing',
      'complex_legal_relations',
      'other_statutory',
      'fine_above_threshold',
    ]);
  });

  it('refuses facts that do not describe a report: a fine only with a penalty, every flag answered', () => {
    expect(assessLegalReviewRequirement({ ...NONE, proposedOutcome: 'no_penalty', proposedFine: undefined }, POLICY).required).toBe(
      false,
    );
    expectInvalid(() => assessLegalReviewRequirement({ ...NONE, proposedOutcome: 'no_penalty' }, POLICY), 'proposedFine');
    expectInvalid(
      () => assessLegalReviewRequirement({ ...NONE, proposedOutcome: 'fine' } as unknown as LegalReviewFacts, POLICY),
      'proposedOutcome',
    );
    expectInvalid(
      () => assessLegalReviewRequirement({ ...NONE, complexMultipleLegalRelations: 'no' } as unknown as LegalReviewFacts, POLICY),
      'complexMultipleLegalRelations',
    );
    expectInvalid(() => assessLegalReviewRequirement({ ...NONE, proposedFine: 100.001 }, POLICY), 'proposedFine');
  });
});

describe('legal review checklist and verdicts', () => {
  it('lists the seven points of the checklist with Chinese and English labels', () => {
    expect(LEGAL_REVIEW_CHECKLIST.map((item) => [item.id, item.zh])).toEqual([
      ['competent_organ', '执法主体合法'],
      ['clear_facts', '事实清楚'],
      ['sufficient_evidence', '证据确凿充分'],
      ['correct_legal_basis', '适用依据正确'],
      ['lawful_procedure', '程序合法'],
      ['proper_discretion', '裁量适当'],
      ['proper_documents', '文书规范'],
    ]);
    expect(LEGAL_REVIEW_CHECKLIST.every((item) => item.en.length > 0)).toBe(true);
  });

  it('offers four verdicts, each with its label and what follows', () => {
    expect(LEGAL_REVIEW_VERDICTS.map((verdict) => [verdict, LEGAL_REVIEW_VERDICT_LABELS[verdict].zh, LEGAL_REVIEW_VERDICT_LABELS[verdict].effect])).toEqual([
      ['approve', '同意', 'proceed_to_notice'],
      ['return_for_investigation', '退回补充调查', 'back_to_investigation'],
      ['revise_and_resubmit', '建议修改后提交', 'back_to_handlers_to_revise'],
      ['disapprove', '不同意', 'no_decision'],
    ]);
  });

  it('approves only with every checklist item satisfied, and records the failed items of other verdicts', () => {
    expect(checkReviewChecklist('approve', ALL_SATISFIED)).toEqual([]);
    expectInvalid(() => checkReviewChecklist('approve', { ...ALL_SATISFIED, proper_discretion: false }), 'checklist.proper_discretion');
    const { proper_documents: _unanswered, ...incomplete } = ALL_SATISFIED;
    expectInvalid(() => checkReviewChecklist('approve', incomplete), 'checklist.proper_documents');
    expect(checkReviewChecklist('revise_and_resubmit', { ...ALL_SATISFIED, proper_discretion: false })).toEqual(['proper_discretion']);
    expect(checkReviewChecklist('return_for_investigation', { ...ALL_SATISFIED, clear_facts: false, sufficient_evidence: false })).toEqual([
      'clear_facts',
      'sufficient_evidence',
    ]);
    expectInvalid(() => checkReviewChecklist('approve', { ...ALL_SATISFIED, fairness: true } as LegalReviewChecklistAnswers), 'checklist.fairness');
    expectInvalid(
      () => checkReviewChecklist('approve', { ...ALL_SATISFIED, clear_facts: 'yes' } as unknown as LegalReviewChecklistAnswers),
      'checklist.clear_facts',
    );
    expectInvalid(() => checkReviewChecklist('approved' as never, ALL_SATISFIED), 'verdict');
  });
});
