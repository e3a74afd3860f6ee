import { ACTION_FORMS, REVIEW_ACTION, actionForm, offeredSteps, reviewPath } from './action-forms';
import { buildBody, initialValues, validateForm, type FormValues } from './forms';

/** Every step of the lifecycle (CASE_COMMAND_TYPES of libs/domain, as the action routes name them). */
const LIFECYCLE_STEPS = [
  'approve-filing',
  'decline-filing',
  'extend-filing-period',
  'assign-handlers',
  'register-preservation',
  'dispose-preservation',
  'suspend-case',
  'resume-case',
  'request-recusal',
  'decide-recusal',
  'submit-investigation-report',
  'decide-legal-review',
  'close-notice',
  'request-hearing',
  'schedule-hearing',
  'record-hearing',
  'record-collective-discussion',
  'extend-decision-period',
  'decide-case',
  'record-service',
  'publish-decision',
  'record-decision-change',
  'withdraw-publicity',
  'record-payment',
  'apply-for-enforcement',
  'record-penalty-carried-out',
  'start-clue-transfer',
  'start-judicial-transfer',
  'close-case',
  'archive-case',
];

function filled(action: string, values: Record<string, string | boolean>): FormValues {
  const form = actionForm(action);
  if (form === undefined) {
    throw new Error(`no form for ${action}`);
  }
  return { ...initialValues(form), ...values };
}

function check(action: string, values: Record<string, string | boolean>) {
  const form = actionForm(action)!;
  return validateForm(form, filled(action, values));
}

function body(action: string, values: Record<string, string | boolean>) {
  const form = actionForm(action)!;
  return buildBody(form, filled(action, values));
}

describe('the action forms of the case page', () => {
  it('offers a form for every step but the legal review, which is taken on the review screen', () => {
    for (const step of LIFECYCLE_STEPS) {
      expect({ step, form: ACTION_FORMS.has(step) }).toEqual({ step, form: step !== REVIEW_ACTION });
    }
  });

  it('maps the steps the API lists to forms, the review link, or a note for a step it does not know', () => {
    const steps = offeredSteps(['decide-case', 'decide-legal-review', 'teleport-case']);
    expect(steps.map((step) => step.kind)).toEqual(['form', 'review', 'unknown']);
    expect(reviewPath('c-1')).toBe('/cases/c-1/review');
  });

  it('posts the common steps to their own routes and the others to actions/{step}', () => {
    expect(actionForm('approve-filing')?.route).toBe('filing/approve');
    expect(actionForm('decline-filing')?.route).toBe('filing/decline');
    expect(actionForm('assign-handlers')?.route).toBe('handlers');
    expect(actionForm('close-notice')?.route).toBe('notice/close');
    expect(actionForm('decide-case')?.route).toBe('decision');
    expect(actionForm('close-case')?.route).toBe('closing');
    expect(actionForm('record-service')?.route).toBe('actions/record-service');
    // The report goes by the generic route: its DTO route refuses the facts the benchmark finding needs.
    expect(actionForm('submit-investigation-report')?.route).toBe('actions/submit-investigation-report');
  });

  it('names the case version on every step', () => {
    for (const form of ACTION_FORMS.values()) {
      expect({ action: form.action, versioned: form.sendsExpectedVersion }).toEqual({ action: form.action, versioned: true });
    }
  });
});

describe('the decision (决定)', () => {
  it('needs the reasoning', () => {
    expect(check('decide-case', { outcome: 'penalty', fine: '50000' })).toEqual({ reasoning: { key: 'cases.form.required' } });
  });

  it('takes a fine in yuan with at most two decimals, and only for a penalty', () => {
    expect(check('decide-case', { outcome: 'penalty', fine: '500.125', reasoning: 'FSL 124' })).toEqual({ fine: { key: 'cases.form.amount' } });
    expect(check('decide-case', { outcome: 'penalty', fine: '-1', reasoning: 'FSL 124' })).toEqual({ fine: { key: 'cases.form.amount' } });
    expect(body('decide-case', { outcome: 'penalty', fine: '45000.50', reasoning: 'FSL 124', publish: true })).toEqual({
      outcome: 'penalty',
      fine: 45000.5,
      reasoning: 'FSL 124',
      publish: true,
    });
    // A fine typed before choosing no penalty is not sent: the API refuses a fine without a penalty.
    expect(body('decide-case', { outcome: 'no_penalty', fine: '45000', reasoning: '首违不罚' })).toEqual({
      outcome: 'no_penalty',
      reasoning: '首违不罚',
      publish: false,
    });
  });
});

describe('the investigation report', () => {
  it('sends the proposal with the facts the review and the benchmark rest on', () => {
    expect(body('submit-investigation-report', { findings: 'Twelve packs', proposedOutcome: 'penalty', proposedFine: '50000', firstViolation: true })).toEqual({
      findings: 'Twelve packs',
      proposedOutcome: 'penalty',
      proposedFine: 50000,
      severity: 'ordinary',
      firstViolation: true,
      promptlyCorrected: false,
      heavyNonFinePenalty: false,
      touchesMajorPublicInterest: false,
      complexMultipleLegalRelations: false,
    });
  });

  it('needs the findings', () => {
    expect(check('submit-investigation-report', { proposedOutcome: 'not_established' })).toEqual({ findings: { key: 'cases.form.required' } });
  });
});

describe('the other steps', () => {
  it('assigns at least two handlers by user id; the API fills their certificates', () => {
    expect(check('assign-handlers', { handlers: 'handler-li' })).toEqual({ handlers: { key: 'cases.form.minItems', values: { min: 2 } } });
    expect(body('assign-handlers', { handlers: 'handler-li handler-chen' })).toEqual({ handlers: [{ userId: 'handler-li' }, { userId: 'handler-chen' }] });
  });

  it('asks for the statement only when the party made one', () => {
    expect(check('close-notice', { partyResponse: 'waived' })).toEqual({});
    expect(body('close-notice', { partyResponse: 'waived', statement: 'left over' })).toEqual({ partyResponse: 'waived' });
    expect(check('close-notice', { partyResponse: 'statement' })).toEqual({ statement: { key: 'cases.form.required' } });
  });

  it('sends a hearing time as Beijing time', () => {
    expect(body('schedule-hearing', { officerId: 'officer-zhou', scheduledFor: '2026-12-10T09:30' })).toEqual({
      officerId: 'officer-zhou',
      scheduledFor: '2026-12-10T09:30:00+08:00',
      public: true,
    });
    expect(check('schedule-hearing', { officerId: 'officer-zhou', scheduledFor: '2026-12-10' })).toEqual({ scheduledFor: { key: 'cases.form.dateTime' } });
  });

  it('asks for a replacement only when a recusal is granted', () => {
    expect(check('decide-recusal', { handlerId: 'handler-li', reason: 'interest', granted: false })).toEqual({});
    expect(Object.keys(check('decide-recusal', { handlerId: 'handler-li', reason: 'interest', granted: true }))).toEqual([
      'replacement.userId',
      'replacement.certificateNumber',
      'replacement.certificateExpiresAt',
    ]);
    expect(
      body('decide-recusal', {
        handlerId: 'handler-li',
        reason: 'interest',
        granted: true,
        'replacement.userId': 'handler-wu',
        'replacement.certificateNumber': 'SH-9',
        'replacement.certificateExpiresAt': '2028-01-31',
      }),
    ).toEqual({
      handlerId: 'handler-li',
      granted: true,
      reason: 'interest',
      replacement: { userId: 'handler-wu', certificateNumber: 'SH-9', certificateExpiresAt: '2028-01-31' },
    });
  });

  it('nests a clue-transfer proposal as the domain reads it', () => {
    expect(
      body('start-clue-transfer', {
        'proposal.misconduct.kind': 'rent_seeking',
        'proposal.misconduct.description': 'asked for gifts',
        'proposal.official.name': '张某',
        'proposal.discoveredAt': '2026-11-01',
      }),
    ).toEqual({ proposal: { misconduct: { kind: 'rent_seeking', description: 'asked for gifts' }, official: { name: '张某' }, discoveredAt: '2026-11-01' } });
  });

  it('takes a step without fields as an empty body', () => {
    expect(check('publish-decision', {})).toEqual({});
    expect(body('publish-decision', {})).toEqual({});
  });

  it('records a payment in yuan', () => {
    expect(check('record-payment', {})).toEqual({ amount: { key: 'cases.form.required' } });
    expect(body('record-payment', { amount: '50000' })).toEqual({ amount: 50000 });
  });
});
