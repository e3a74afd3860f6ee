import {
  checklistBody,
  checklistComplete,
  findingTone,
  formFieldOf,
  formatYuan,
  insideRange,
  isOwnCase,
  rangeMarker,
  REVIEW_CHECKLIST,
  uncheckedItems,
  validateReviewForm,
} from './review-logic';

const everyItemTicked = Object.fromEntries(REVIEW_CHECKLIST.map((item) => [item, true]));

describe('the legal-review checklist', () => {
  it('is complete only when all seven items of domain.md are ticked', () => {
    expect(REVIEW_CHECKLIST).toHaveLength(7);
    expect(checklistComplete(everyItemTicked)).toBe(true);
    expect(checklistComplete({ ...everyItemTicked, lawful_procedure: false })).toBe(false);
    expect(checklistComplete({})).toBe(false);
  });

  it('lists what is left unticked in checklist order', () => {
    expect(uncheckedItems({ competent_organ: true, clear_facts: true, sufficient_evidence: true })).toEqual([
      'correct_legal_basis',
      'lawful_procedure',
      'proper_discretion',
      'proper_documents',
    ]);
  });

  it('is sent whole: every point answered, an unticked one as not satisfied', () => {
    expect(checklistBody({ clear_facts: true, lawful_procedure: false })).toEqual({
      competent_organ: false,
      clear_facts: true,
      sufficient_evidence: false,
      correct_legal_basis: false,
      lawful_procedure: false,
      proper_discretion: false,
      proper_documents: false,
    });
    expect(Object.values(checklistBody(everyItemTicked)).every((answer) => answer)).toBe(true);
  });
});

describe('validating a review before it is sent', () => {
  it('accepts an approval with every item ticked and an opinion', () => {
    expect(validateReviewForm({ verdict: 'approve', opinion: '事实清楚，证据确凿', checklist: everyItemTicked })).toEqual({});
  });

  it('refuses an approval while a checklist item is unticked', () => {
    expect(validateReviewForm({ verdict: 'approve', opinion: 'ok', checklist: { clear_facts: true } })).toEqual({
      checklist: 'review.error.checklistIncomplete',
    });
  });

  it('lets a return go with the checklist unticked but asks for the reason', () => {
    expect(validateReviewForm({ verdict: 'return_for_investigation', opinion: '  ', checklist: {} })).toEqual({
      opinion: 'review.error.reasonRequired',
    });
    expect(validateReviewForm({ verdict: 'revise_and_resubmit', opinion: '罚款超出裁量基准', checklist: {} })).toEqual({});
  });

  it('asks for a verdict and an opinion on an empty form', () => {
    expect(validateReviewForm({ verdict: '', opinion: '', checklist: {} })).toEqual({
      verdict: 'review.error.verdictRequired',
      opinion: 'review.error.opinionRequired',
    });
  });

  it('refuses an opinion longer than the API keeps', () => {
    expect(validateReviewForm({ verdict: 'disapprove', opinion: 'x'.repeat(20_001), checklist: {} })).toEqual({
      opinion: 'review.error.opinionTooLong',
    });
  });
});

describe('placing a server problem on the form', () => {
  it('puts opinion, verdict and checklist items beside their field', () => {
    expect(formFieldOf('opinion')).toBe('opinion');
    expect(formFieldOf('verdict')).toBe('verdict');
    expect(formFieldOf('checklist.clear_facts')).toBe('checklist');
    expect(formFieldOf('expectedVersion')).toBeUndefined();
    expect(formFieldOf(undefined)).toBeUndefined();
  });
});

describe('the discretion-benchmark finding', () => {
  it('is fine inside the range and needs attention outside it or against a no-penalty list', () => {
    expect(findingTone({ status: 'within_range', message: '' })).toBe('ok');
    expect(findingTone({ status: 'above_range', message: '' })).toBe('warn');
    expect(findingTone({ status: 'no_penalty_list_applies', message: '' })).toBe('warn');
    expect(findingTone({ status: 'no_benchmark', message: '' })).toBe('neutral');
    expect(findingTone(undefined)).toBe('neutral');
  });

  it('says inside or outside only when a range was measured', () => {
    expect(insideRange({ status: 'within_range', message: '' })).toBe(true);
    expect(insideRange({ status: 'below_range', message: '' })).toBe(false);
    expect(insideRange({ status: 'no_benchmark', message: '' })).toBeUndefined();
  });

  it('places a fine on the drawn range, clamped to the bar', () => {
    expect(rangeMarker({ min: 20_000, max: 60_000 }, 40_000)).toEqual({ start: 25, end: 75, at: 50 });
    expect(rangeMarker({ min: 20_000, max: 60_000 }, 1_000_000).at).toBe(100);
    expect(rangeMarker({ min: 20_000, max: 60_000 }, 0).at).toBe(0);
  });
});

describe('four eyes', () => {
  it('recognises a case the user handles', () => {
    const state = { handlers: [{ userId: 'handler-li', certificateNumber: 'A', certificateExpiresAt: '2030-01-01' }] };
    expect(isOwnCase(state, 'handler-li')).toBe(true);
    expect(isOwnCase(state, 'reviewer-zhao')).toBe(false);
  });
});

describe('fines', () => {
  it('are written with ¥ and thousands separators', () => {
    expect(formatYuan(50_000)).toBe('¥50,000');
    expect(formatYuan(1234.5)).toBe('¥1,234.50');
  });
});
