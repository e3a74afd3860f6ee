import {
  chinaDateOf,
  computeDeadline,
  createWorkingCalendar,
  extendByPause,
  isWorkingDay,
  type AgencyPolicyOverrides,
  type DeadlineKind,
  type PeriodRule,
  type WorkingCalendarYear,
} from '@docket/domain';
import { actors, defaultPolicySnapshot } from '../support/case-fixtures';
import {
  DAY_MS,
  DeadlineLab,
  MINUTE_MS,
  changedPolicySnapshot,
  clockIn,
  expectMissedAsRecorded,
  msOf,
  type DeadlineCase,
} from '../support/case-deadline.harness';

const current = defaultPolicySnapshot();
const calendar = createWorkingCalendar(current.calendarYears);

/**
 * The calendar years in force with every working day from the day after `from` to `to` (China time)
 * made a holiday, as an admin correcting a year would store them; make-up workdays stay as they are.
 */
function withHolidaysBetween(years: readonly WorkingCalendarYear[], from: string, to: string): WorkingCalendarYear[] {
  const byYear = new Map(years.map((year) => [year.year, { ...year, holidays: [...year.holidays] }]));
  for (let day = Date.parse(chinaDateOf(from)) + DAY_MS; day <= Date.parse(chinaDateOf(to)); day += DAY_MS) {
    const date = new Date(day).toISOString().slice(0, 10);
    const year = Number(date.slice(0, 4));
    const entry = byYear.get(year) ?? { year, holidays: [], makeUpWorkdays: [] };
    if (isWorkingDay(date, calendar) && !entry.makeUpWorkdays.includes(date)) {
      entry.holidays.push(date);
    }
    byYear.set(year, entry);
  }
  return [...byYear.values()].sort((a, b) => a.year - b.year);
}

interface PolicyChangeCase {
  readonly rule: string;
  readonly kind: DeadlineKind;
  readonly overrides: AgencyPolicyOverrides;
  readonly period: PeriodRule;
  /** Brings the case to where the clock runs. */
  readonly reach: (subject: DeadlineCase) => Promise<unknown>;
}

const workingDays = (count: number): PeriodRule => ({ count, unit: 'working_days' });
const naturalDays = (count: number): PeriodRule => ({ count, unit: 'natural_days' });

/** Each clock under a period shortened or lengthened by the agency's new policy version. */
const POLICY_CHANGES: readonly PolicyChangeCase[] = [
  {
    rule: 'SAMR Art. 18 filing period, 15 → 5 working days',
    kind: 'filing_decision',
    overrides: { filing: { decisionPeriod: workingDays(5) } },
    period: workingDays(5),
    reach: () => Promise.resolve(),
  },
  {
    rule: 'APL 60 decision period, 90 → 60 days',
    kind: 'decision',
    overrides: { decision: { decisionPeriod: naturalDays(60) } },
    period: naturalDays(60),
    reach: (subject) => subject.investigate(),
  },
  {
    rule: 'APL 58 legal review period, 10 → 5 working days',
    kind: 'legal_review',
    overrides: { legalReview: { reviewPeriod: workingDays(5) } },
    period: workingDays(5),
    reach: (subject) => subject.toLegalReview(),
  },
  {
    rule: 'SAMR notice response period, 5 → 10 working days',
    kind: 'notice_response',
    overrides: { notice: { responsePeriod: workingDays(10) } },
    period: workingDays(10),
    reach: (subject) => subject.toNotice(),
  },
  {
    rule: 'APL 61 service period, 7 → 5 working days',
    kind: 'service',
    overrides: { service: { servicePeriod: workingDays(5) } },
    period: workingDays(5),
    reach: (subject) => subject.decide(),
  },
  {
    rule: 'APL 48 publication period, 7 → 15 working days',
    kind: 'publicity',
    overrides: { publicity: { publicationPeriod: workingDays(15) } },
    period: workingDays(15),
    reach: (subject) => subject.serve({ publish: true }),
  },
  {
    rule: 'APL 48 withdrawal period, 3 → 2 working days',
    kind: 'publicity_withdrawal',
    overrides: { publicity: { withdrawalPeriod: workingDays(2) } },
    period: workingDays(2),
    reach: async (subject) => {
      await subject.publish();
      return subject.act('record_decision_change', actors.headWang, { kind: 'changed', reason: 'Fine reduced on reconsideration' });
    },
  },
  {
    rule: 'APL 67 payment period, 15 → 30 days',
    kind: 'payment',
    overrides: { execution: { paymentPeriod: naturalDays(30) } },
    period: naturalDays(30),
    reach: (subject) => subject.serve(),
  },
  {
    rule: 'archive period, 30 → 10 days',
    kind: 'archive',
    overrides: { archive: { archivePeriod: naturalDays(10) } },
    period: naturalDays(10),
    reach: (subject) => subject.close(),
  },
];

/**
 * A new agency policy reaches running cases through `casePolicyChanged` (domain.md: **policy**
 * numbers are configurable per agency, and changes reach the cases already running): each running
 * clock is recomputed from its start under the new period, the change is recorded as a fact, and the
 * timer enforces the new due time.
 */
describe('a new agency policy sent to running cases', () => {
  let lab: DeadlineLab;

  beforeAll(async () => {
    lab = await DeadlineLab.start('case-deadlines-policy');
  });

  afterEach(async () => {
    await lab?.endRunningCases();
  });

  afterAll(async () => {
    await lab?.stop();
  });

  it.each(POLICY_CHANGES)(
    '$rule: the running $kind clock is recomputed from its start, policy_applied is recorded, and the new due time is enforced',
    async ({ kind, overrides, period, reach }) => {
      const subject = await lab.registerCase();
      await reach(subject);
      const before = await subject.clock(kind);
      expect(before).toMatchObject({ status: 'running' });
      expect((await subject.state()).policyVersion).toBe('default');

      const version = `2027-${kind}`;
      const after = await subject.changePolicy(changedPolicySnapshot(version, overrides));
      expect(after.policyVersion).toBe(version);
      const clock = clockIn(after, kind);
      expect(clock).toMatchObject({ status: 'running', startedAt: before.startedAt, rule: period });
      expect(clock.dueAt).toBe(computeDeadline(before.startedAt, period, calendar).dueAt);
      expect(clock.dueAt).not.toBe(before.dueAt);

      const recorded = await subject.recordedEvents();
      expect(recorded[recorded.length - 1]).toMatchObject({
        type: 'policy_applied',
        actorId: 'system',
        actorRole: 'system',
        data: { type: 'policy_applied', policyVersion: version },
      });
      const [projection]: Array<{ policyVersion: string }> = await lab.dataSource.query(
        `SELECT state->>'policyVersion' AS "policyVersion" FROM cases WHERE id = $1`,
        [subject.caseId],
      );
      expect(projection?.policyVersion).toBe(version);

      // Not missed before the new due time (past the old one, where the period grew), and missed just after it.
      await lab.sleepUntil(clock.dueAt, -MINUTE_MS);
      expect(await subject.clock(kind)).toMatchObject({ status: 'running' });
      await lab.sleepUntil(clock.dueAt);
      await expectMissedAsRecorded(subject, kind);
    },
  );

  it('the same policy version sent again records nothing, and a new one leaves a clock already met as it was recorded', async () => {
    const subject = await lab.registerCase();
    const { version } = await subject.investigate();
    const filing = await subject.clock('filing_decision');
    expect(filing.status).toBe('met');
    expect(await subject.changePolicy(current)).toMatchObject({ version, policyVersion: 'default' });
    expect(await subject.recordedEvents()).toHaveLength(version);

    const applied = await subject.changePolicy(changedPolicySnapshot('2027-filing', { filing: { decisionPeriod: workingDays(5) } }));
    expect(clockIn(applied, 'filing_decision')).toEqual(filing);
  });

  it('APL 60 with SAMR: a new decision period reaches a clock paused by suspension, and the suspended time is still added', async () => {
    const subject = await lab.registerCase();
    await subject.investigate();
    await subject.act('suspend_case', actors.headWang, { reason: 'Awaiting the laboratory’s test report' });
    const paused = await subject.clock('decision');
    expect(paused.status).toBe('paused');

    const applied = await subject.changePolicy(changedPolicySnapshot('2027-decision', { decision: { decisionPeriod: naturalDays(60) } }));
    expect(applied.policyVersion).toBe('2027-decision');
    await lab.sleep(20 * DAY_MS);
    const resumed = await subject.act('resume_case', actors.headWang, { reason: 'Test report received' });
    const [suspension] = resumed.suspensions;

    // The case runs under the new version: its decision clock counts 60 days, plus the 20 suspended.
    const clock = clockIn(resumed, 'decision');
    expect(clock).toMatchObject({ status: 'running', rule: naturalDays(60) });
    const sixtyDays = computeDeadline(paused.startedAt, naturalDays(60), calendar).dueAt;
    expect(clock.dueAt).toBe(extendByPause(sixtyDays, suspension?.from ?? '', suspension?.to ?? ''));
  });

  it('domain.md §4: a calendar year stored while a working-day clock runs recomputes the clock under the new calendar', async () => {
    const subject = await lab.registerCase();
    await subject.toLegalReview();
    const before = await subject.clock('legal_review');
    // The admin turns the rest of the review period into holidays: ten working days now end later.
    const calendarYears = withHolidaysBetween(current.calendarYears, before.startedAt, before.dueAt);
    const expected = computeDeadline(before.startedAt, before.rule, createWorkingCalendar(calendarYears)).dueAt;
    expect(msOf(expected)).toBeGreaterThan(msOf(before.dueAt));

    // The same policy version with the new calendar: what the API signals after PUT /admin/calendars/:year.
    const after = await subject.changePolicy({ ...current, calendarYears });
    expect(clockIn(after, 'legal_review')).toMatchObject({ status: 'running', dueAt: expected });

    await lab.sleepUntil(before.dueAt);
    expect(await subject.clock('legal_review')).toMatchObject({ status: 'running' });
  });

  it('domain.md §4: a clock moved later by a new policy after its warning is warned about again before its new due time', async () => {
    const subject = await lab.registerCase();
    await subject.serve();
    const before = await subject.clock('payment');
    await lab.sleepUntil(before.warnAt);
    expect((await subject.clockEvents('payment')).map((event) => event.data['dueAt'])).toEqual([before.dueAt]);

    const after = await subject.changePolicy(changedPolicySnapshot('2027-payment', { execution: { paymentPeriod: naturalDays(30) } }));
    const moved = clockIn(after, 'payment');
    expect(msOf(moved.dueAt)).toBeGreaterThan(msOf(before.dueAt));

    await lab.sleepUntil(moved.dueAt);
    // The miss is recorded after a warning that named the due time that was missed.
    await expectMissedAsRecorded(subject, 'payment');
  });
});
