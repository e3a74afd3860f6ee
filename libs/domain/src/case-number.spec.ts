import {
  DomainError,
  DomainErrorCode,
  PRC_WORKING_CALENDAR_YEARS,
  applyCommand,
  createWorkingCalendar,
  defaultAgencyPolicy,
  registerCase,
  replayEvents,
  type Actor,
  type ClockContext,
} from './index';

const AGENCY = 'agency-a';
const handlerLi: Actor = { userId: 'li', role: 'handler', agencyId: AGENCY };
const head: Actor = { userId: 'wang', role: 'head', agencyId: AGENCY };
const clocks: ClockContext = { policy: defaultAgencyPolicy(AGENCY), calendar: createWorkingCalendar(PRC_WORKING_CALENDAR_YEARS) };
const T0 = '2026-03-02T01:00:00.000Z';
const T1 = '2026-03-03T01:00:00.000Z';

const registered = () =>
  registerCase(
    { caseId: 'case-1', agencyId: AGENCY, source: 'complaint', summary: 'Expired food on sale', party: { type: 'organization', name: 'Shop Ltd' } },
    handlerLi,
    T0,
    clocks,
  );

describe('case number (案号) on filing approval', () => {
  it('records the number the approval carries in the event and the state, and a replay restores it', () => {
    const first = registered();
    const filed = applyCommand(first.state, { type: 'approve_filing', reason: 'x', caseNumber: 'agency-a-2026-000123' }, { ...clocks, actor: head, now: T1 });
    expect(filed.event.data).toEqual({ type: 'filing_approved', reason: 'x', caseNumber: 'agency-a-2026-000123' });
    expect(filed.state.caseNumber).toBe('agency-a-2026-000123');
    expect(replayEvents([first.event, filed.event]).caseNumber).toBe('agency-a-2026-000123');
  });

  it('leaves a case filed without a number (older histories) unnumbered', () => {
    const first = registered();
    const filed = applyCommand(first.state, { type: 'approve_filing', reason: 'x' }, { ...clocks, actor: head, now: T1 });
    expect(filed.state.caseNumber).toBeUndefined();
    expect(filed.event.data).toEqual({ type: 'filing_approved', reason: 'x' });
  });

  it.each([['has space 1'], [''], ['agency-a-2026-'], [42]])('refuses %p as a case number, naming the field', (caseNumber) => {
    const first = registered();
    let error: unknown;
    try {
      applyCommand(first.state, { type: 'approve_filing', reason: 'x', caseNumber } as never, { ...clocks, actor: head, now: T1 });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect({ code: (error as DomainError).code, field: (error as DomainError).field }).toEqual({ code: DomainErrorCode.InvalidInput, field: 'caseNumber' });
  });
});
