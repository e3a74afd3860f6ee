import {
  PRC_WORKING_CALENDAR_YEARS,
  createWorkingCalendar,
  defaultAgencyPolicy,
  registerCase,
  type CaseState,
  type ClockContext,
  type InvestigationReport,
  type Party,
} from '../index';
import { publicDecisionOf, redactedPartyName, redactText } from './public-decision';

const AGENCY = 'agency-a';
const clocks: ClockContext = { policy: defaultAgencyPolicy(AGENCY), calendar: createWorkingCalendar(PRC_WORKING_CALENDAR_YEARS) };
const T0 = '2026-03-02T01:00:00.000Z';
const ID_NUMBER = '110101199003074518';

const individual: Party = { type: 'individual', name: '张三', idNumber: ID_NUMBER };
const organization: Party = { type: 'organization', name: '上海某某食品有限公司', idNumber: '91310000MA1FL4XXXX' };

/** A case decided and published; only the fields the published view reads are filled in beyond registration. */
function publishedCase(party: Party, findings: string, reasoning = 'FSL Art. 124(1)(3)'): CaseState {
  const { state } = registerCase(
    { caseId: 'case-1', agencyId: AGENCY, source: 'complaint', summary: 'Expired food on sale', party },
    { userId: 'li', role: 'handler', agencyId: AGENCY },
    T0,
    clocks,
  );
  // The view reads the findings alone; the rest of the report does not matter to it.
  const report = { findings } as InvestigationReport;
  return {
    ...state,
    report,
    decision: { outcome: 'penalty', fine: 5_000, reasoning, publish: true, decidedBy: 'wang', decidedAt: '2026-04-01T02:00:00.000Z' },
    publicity: { publishedAt: '2026-04-03T02:00:00.000Z' },
  };
}

describe('the published view of a decision (行政执法公示)', () => {
  it('shows an organization by its full name, without its credit code', () => {
    const view = publicDecisionOf(publishedCase(organization, '上海某某食品有限公司 sold twelve expired packs'));
    expect(view).toEqual({
      agencyId: AGENCY,
      caseNumber: 'case-1',
      party: { type: 'organization', name: '上海某某食品有限公司' },
      facts: '上海某某食品有限公司 sold twelve expired packs',
      legalBasis: 'FSL Art. 124(1)(3)',
      outcome: 'penalty',
      fine: 5_000,
      decidedAt: '2026-04-01T02:00:00.000Z',
      publishedAt: '2026-04-03T02:00:00.000Z',
    });
    expect(JSON.stringify(view)).not.toContain('91310000MA1FL4XXXX');
  });

  it('shows an individual by surname and 某, never the name or the ID number', () => {
    const view = publicDecisionOf(publishedCase(individual, 'Twelve packs on sale'));
    expect(view?.party).toEqual({ type: 'individual', name: '张某' });
    const text = JSON.stringify(view);
    expect(text).not.toContain('张三');
    expect(text).not.toContain(ID_NUMBER);
  });

  it('redacts the individual’s name inside the facts and the reasoning', () => {
    const view = publicDecisionOf(publishedCase(individual, '张三 sold expired food; 张三 admitted it', '张三 broke FSL Art. 124'));
    expect(view?.facts).toBe('张某 sold expired food; 张某 admitted it');
    expect(view?.legalBasis).toBe('张某 broke FSL Art. 124');
  });

  it('masks 15- and 18-digit resident ID numbers in the texts, whoever the party', () => {
    const facts = `ID ${ID_NUMBER}, old ID 110101900307451, witness 11010119900307452X, order no. 1234567890`;
    const view = publicDecisionOf(publishedCase(organization, facts, `party ID ${ID_NUMBER}`));
    expect(view?.facts).toBe(`ID ${'*'.repeat(18)}, old ID ${'*'.repeat(15)}, witness ${'*'.repeat(18)}, order no. 1234567890`);
    expect(view?.legalBasis).toBe(`party ID ${'*'.repeat(18)}`);
  });

  it('masks the individual’s own ID number even in a format that is not a resident ID', () => {
    expect(redactText('passport E12345678 shown', { type: 'individual', name: 'Jane Doe', idNumber: 'E12345678' })).toBe('passport ********* shown');
  });

  it('abbreviates a Latin-script name to its first letter, and redacts it case-insensitively', () => {
    const party: Party = { type: 'individual', name: 'Jane Doe' };
    expect(redactedPartyName(party)).toBe('J.');
    expect(redactText('JANE DOE and jane doe', party)).toBe('J. and J.');
  });

  it('shows a withdrawn decision with the date and reason of the withdrawal', () => {
    const state = publishedCase(individual, 'Twelve packs');
    const view = publicDecisionOf({
      ...state,
      publicity: {
        ...state.publicity,
        decisionChange: { kind: 'revoked', at: '2026-05-01T02:00:00.000Z', reason: 'revoked on reconsideration' },
        withdrawnAt: '2026-05-02T02:00:00.000Z',
        withdrawalReason: 'Decision revoked on reconsideration; 张三 is cleared',
      },
    });
    expect(view?.withdrawn).toEqual({ at: '2026-05-02T02:00:00.000Z', reason: 'Decision revoked on reconsideration; 张某 is cleared' });
  });

  it('shows nothing of a decision not yet published', () => {
    const state = publishedCase(organization, 'Twelve packs');
    expect(publicDecisionOf({ ...state, publicity: undefined })).toBeUndefined();
  });
});
