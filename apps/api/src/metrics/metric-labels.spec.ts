import { actionOutcome, caseActionOf, routeTemplate, UNMATCHED_ROUTE } from './metric-labels';

describe('metric labels', () => {
  it('labels a request by its route template, never its raw path', () => {
    expect(routeTemplate('', '/cases/:caseId/decision')).toBe('/cases/:caseId/decision');
    expect(routeTemplate('', undefined)).toBe(UNMATCHED_ROUTE);
  });

  it('names the step a POST takes, by dedicated route or by the generic action route', () => {
    expect(caseActionOf('POST', '/cases', {})).toBe('register_case');
    expect(caseActionOf('POST', '/cases/:caseId/decision', { caseId: 'x' })).toBe('decide_case');
    expect(caseActionOf('POST', '/cases/:caseId/actions/:action', { action: 'record-payment' })).toBe('record_payment');
    expect(caseActionOf('GET', '/cases/:caseId', {})).toBeUndefined();
  });

  it('never turns a step name a caller made up into a label', () => {
    expect(caseActionOf('POST', '/cases/:caseId/actions/:action', { action: 'drop-table-cases' })).toBe('unknown');
    expect(caseActionOf('POST', '/cases/:caseId/actions/:action', { action: '__proto__' })).toBe('unknown');
  });

  it('tells accepted, refused and failed steps apart by status', () => {
    expect([200, 201, 403, 409, 503].map(actionOutcome)).toEqual(['accepted', 'accepted', 'refused', 'refused', 'failed']);
  });
});
