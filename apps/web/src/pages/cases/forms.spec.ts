import { buildBody, fieldForProblem, initialValues, validateForm, type FormSpec, type FormValues } from './forms';
import { NEW_CASE_FORM } from './action-forms';

const NOW = Date.parse('2026-11-23T04:00:00.000Z'); // 12:00 in Beijing

function registration(overrides: Record<string, string | boolean> = {}): FormValues {
  return { ...initialValues(NEW_CASE_FORM), summary: '投诉：新华路门店销售过期食品', 'party.name': '上海某某食品有限公司', ...overrides };
}

describe('the new-case form (立案登记)', () => {
  it('starts with a source and a party type chosen, and nothing else filled', () => {
    expect(initialValues(NEW_CASE_FORM)).toMatchObject({ source: 'complaint', 'party.type': 'organization', summary: '', touchesLifeHealthOrFinance: false });
  });

  it('refuses a registration without a summary or a party name, naming both', () => {
    const errors = validateForm(NEW_CASE_FORM, initialValues(NEW_CASE_FORM), NOW);
    expect(errors).toEqual({ summary: { key: 'cases.form.required' }, 'party.name': { key: 'cases.form.required' } });
  });

  it('counts a summary of blanks as empty', () => {
    expect(validateForm(NEW_CASE_FORM, registration({ summary: '   ' }), NOW)).toEqual({ summary: { key: 'cases.form.required' } });
  });

  it('holds the lengths of the DTO: party name 200, id number 64, summary 20 000', () => {
    const errors = validateForm(
      NEW_CASE_FORM,
      registration({ 'party.name': '名'.repeat(201), 'party.idNumber': '9'.repeat(65), summary: 'x'.repeat(20_001) }),
      NOW,
    );
    expect(errors).toEqual({
      'party.name': { key: 'cases.form.tooLong', values: { max: 200 } },
      'party.idNumber': { key: 'cases.form.tooLong', values: { max: 64 } },
      summary: { key: 'cases.form.tooLong', values: { max: 20_000 } },
    });
    expect(validateForm(NEW_CASE_FORM, registration({ 'party.name': '名'.repeat(200) }), NOW)).toEqual({});
  });

  it('takes only a real date, not after today in Beijing, for the end of the violation', () => {
    expect(validateForm(NEW_CASE_FORM, registration({ violationEndedAt: '2026-02-30' }), NOW)).toEqual({ violationEndedAt: { key: 'cases.form.date' } });
    expect(validateForm(NEW_CASE_FORM, registration({ violationEndedAt: '2026-11-24' }), NOW)).toEqual({ violationEndedAt: { key: 'cases.form.notInFuture' } });
    expect(validateForm(NEW_CASE_FORM, registration({ violationEndedAt: '2026-11-23' }), NOW)).toEqual({});
  });

  it('refuses a source the API does not know', () => {
    expect(validateForm(NEW_CASE_FORM, registration({ source: 'rumour' }), NOW)).toEqual({ source: { key: 'cases.form.choose' } });
  });

  it('sends the body of RegisterCaseDto, the party nested, empty optional fields left out', () => {
    expect(buildBody(NEW_CASE_FORM, registration({ 'party.idNumber': ' 91310000MA1FL4XXXX ', violationEndedAt: '2026-10-02' }))).toEqual({
      source: 'complaint',
      summary: '投诉：新华路门店销售过期食品',
      party: { type: 'organization', name: '上海某某食品有限公司', idNumber: '91310000MA1FL4XXXX' },
      violationEndedAt: '2026-10-02',
      touchesLifeHealthOrFinance: false,
    });
  });
});

describe('placing a server problem beside its input', () => {
  const names = ['source', 'summary', 'party.name', 'party.type', 'handlers', 'proposal.misconduct.kind', 'proposal.discoveredAt', 'replacement.userId', 'replacement.certificateNumber'];

  it('finds the input a field path names', () => {
    expect(fieldForProblem('party.name', names)).toBe('party.name');
    expect(fieldForProblem('summary', names)).toBe('summary');
  });

  it('finds the list input for an item of the list', () => {
    expect(fieldForProblem('handlers[1].userId', names)).toBe('handlers');
    expect(fieldForProblem('handlers', names)).toBe('handlers');
  });

  it('finds a nested input the domain names without its outer part', () => {
    expect(fieldForProblem('misconduct.kind', names)).toBe('proposal.misconduct.kind');
    expect(fieldForProblem('discoveredAt', names)).toBe('proposal.discoveredAt');
  });

  it('puts a problem about a whole part beside its first input', () => {
    expect(fieldForProblem('replacement', names)).toBe('replacement.userId');
  });

  it('leaves problems about no input to the banner', () => {
    expect(fieldForProblem(undefined, names)).toBeUndefined();
    expect(fieldForProblem('expectedVersion', names)).toBeUndefined();
    expect(fieldForProblem('caseId', names)).toBeUndefined();
  });
});

describe('list inputs', () => {
  const spec: FormSpec = {
    fields: [
      { name: 'handlers', kind: 'userIds', label: 'x', required: true, minItems: 2, maxItems: 3, itemKey: 'userId' },
      { name: 'items', kind: 'lines', label: 'y', itemMaxLength: 5 },
      { name: 'team', kind: 'assignments', label: 'z', minItems: 2 },
    ],
  };

  it('splits user ids on spaces, commas and 、 and refuses fewer than required, duplicates or bad ids', () => {
    expect(validateForm(spec, { handlers: 'handler-li', items: '', team: '' })).toEqual({ handlers: { key: 'cases.form.minItems', values: { min: 2 } } });
    expect(validateForm(spec, { handlers: 'handler-li handler-li', items: '', team: '' })).toEqual({ handlers: { key: 'cases.form.duplicate' } });
    expect(validateForm(spec, { handlers: 'handler-li, 李明', items: '', team: '' })).toEqual({ handlers: { key: 'cases.form.userId', values: { value: '李明' } } });
    expect(buildBody(spec, { handlers: 'handler-li、handler-chen', items: '', team: '' })).toEqual({
      handlers: [{ userId: 'handler-li' }, { userId: 'handler-chen' }],
    });
  });

  it('sends one item per non-empty line and holds each item to its length', () => {
    expect(validateForm(spec, { handlers: 'a b', items: 'ok\nmuch too long', team: '' })).toEqual({ items: { key: 'cases.form.itemTooLong', values: { max: 5 } } });
    expect(buildBody(spec, { handlers: 'a b', items: ' box \n\n bag', team: '' })).toMatchObject({ items: ['box', 'bag'] });
  });

  it('reads a team as user, certificate and expiry per line, naming the bad line', () => {
    expect(validateForm(spec, { handlers: 'a b', items: '', team: 'handler-li SH-1 2028-06-30\nhandler-chen SH-2' })).toEqual({
      team: { key: 'cases.form.assignment', values: { line: 2 } },
    });
    expect(buildBody(spec, { handlers: 'a b', items: '', team: 'handler-li SH-1 2028-06-30\nhandler-chen SH-2 2028-07-01' })).toMatchObject({
      team: [
        { userId: 'handler-li', certificateNumber: 'SH-1', certificateExpiresAt: '2028-06-30' },
        { userId: 'handler-chen', certificateNumber: 'SH-2', certificateExpiresAt: '2028-07-01' },
      ],
    });
  });
});
