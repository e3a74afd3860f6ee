import { createWorkingCalendar, defaultAgencyPolicy, naturalDaysDeadline, openClocks, workingDaysDeadline } from '@docket/domain';
import { AGENCY, actors, defaultPolicySnapshot, thinPath } from '../support/case-fixtures';
import {
  DAY_MS,
  DeadlineLab,
  HOUR_MS,
  MINUTE_MS,
  asRefusal,
  clockIn,
  expectMet,
  expectMissedAsRecorded,
  msOf,
  type DeadlineCase,
  type RecordedCaseEvent,
} from '../support/case-deadline.harness';

const calendar = createWorkingCalendar(defaultPolicySnapshot().calendarYears);
const policy = defaultAgencyPolicy(AGENCY);
/** ¥50,000, the thin path's fine. */
const FINE = thinPath.decide.fine;

async function paymentEvents(subject: DeadlineCase): Promise<RecordedCaseEvent[]> {
  return (await subject.recordedEvents()).filter((event) => event.type === 'payment_recorded');
}

/**
 * The clocks that run from the decision to the archive (domain.md §2, §4) on the time-skipping test
 * server: service, publicity and its withdrawal, payment with the late surcharge, and archiving.
 */
describe('deadlines from the decision to the archive, as durable timers', () => {
  let lab: DeadlineLab;

  beforeAll(async () => {
    lab = await DeadlineLab.start('case-deadlines-after');
  });

  afterEach(async () => {
    await lab?.endRunningCases();
  });

  afterAll(async () => {
    await lab?.stop();
  });

  describe('service (APL 61: within 7 days of the decision)', () => {
    it('APL 61: serving the decision within 7 working days meets the service clock', async () => {
      const subject = await lab.registerCase();
      const decided = await subject.decide();
      const clock = clockIn(decided, 'service');
      expect(clock).toMatchObject({ status: 'running', rule: policy.service.servicePeriod, startedAt: decided.decision?.decidedAt });
      expect(clock.dueAt).toBe(workingDaysDeadline(clock.startedAt, 7, calendar).dueAt);

      await lab.sleepUntil(clock.dueAt, -HOUR_MS);
      expect(await subject.act('record_service', actors.handlerLi, thinPath.serve)).toMatchObject({ stage: 'execution' });
      await expectMet(subject, 'service');
    });

    it('APL 61: a decision not served within 7 working days is warned about, then recorded as missed; late service is still recorded', async () => {
      const subject = await lab.registerCase();
      await subject.decide();
      const { dueAt } = await subject.clock('service');

      await lab.sleepUntil(dueAt, -MINUTE_MS);
      expect(await subject.clock('service')).toMatchObject({ status: 'running' });
      await lab.sleepUntil(dueAt);
      const { missed } = await expectMissedAsRecorded(subject, 'service');
      expect(missed).toMatchObject({ stageBefore: 'decided', stageAfter: 'decided' });

      const served = await subject.act('record_service', actors.handlerLi, thinPath.serve);
      expect(served.stage).toBe('execution');
      expect(clockIn(served, 'service')).toMatchObject({ status: 'missed' });
    });
  });

  describe('publicity (国办发〔2018〕118号, policy: 7 working days from the decision)', () => {
    it('APL 48: publishing within 7 working days of the decision meets the publicity clock', async () => {
      const subject = await lab.registerCase();
      const served = await subject.serve({ publish: true });
      expect(served.stage).toBe('publicity');
      const clock = clockIn(served, 'publicity');
      expect(clock).toMatchObject({ status: 'running', rule: policy.publicity.publicationPeriod, startedAt: served.decision?.decidedAt });
      expect(clock.dueAt).toBe(workingDaysDeadline(clock.startedAt, 7, calendar).dueAt);

      await lab.sleepUntil(clock.warnAt, HOUR_MS);
      expect(await subject.act('publish_decision', actors.handlerChen, {})).toMatchObject({ stage: 'execution' });
      await expectMet(subject, 'publicity');
      expect((await subject.clockEvents('publicity')).map((event) => event.type)).toEqual(['deadline_warned']);
    });

    it('APL 48: a decision with social impact not published within 7 working days is warned about, then recorded as missed', async () => {
      const subject = await lab.registerCase();
      await subject.serve({ publish: true });
      const { dueAt } = await subject.clock('publicity');

      await lab.sleepUntil(dueAt);
      const { missed } = await expectMissedAsRecorded(subject, 'publicity');
      expect(missed).toMatchObject({ stageBefore: 'publicity', stageAfter: 'publicity' });
      await expectMet(subject, 'service');

      const published = await subject.act('publish_decision', actors.handlerChen, {});
      expect(published.publicity?.publishedAt).toBeDefined();
      expect(clockIn(published, 'publicity')).toMatchObject({ status: 'missed' });
    });
  });

  describe('publicity withdrawal (APL 48: within 3 days of a change to the decision)', () => {
    it('APL 48: withdrawing a revoked decision from publicity within 3 working days meets the withdrawal clock', async () => {
      const subject = await lab.registerCase();
      await subject.publish();
      await lab.sleep(2 * DAY_MS);
      const changed = await subject.act('record_decision_change', actors.headWang, { kind: 'revoked', reason: 'Revoked on reconsideration' });
      const clock = clockIn(changed, 'publicity_withdrawal');
      expect(clock).toMatchObject({ status: 'running', rule: policy.publicity.withdrawalPeriod, startedAt: changed.publicity?.decisionChange?.at });
      expect(clock.dueAt).toBe(workingDaysDeadline(clock.startedAt, 3, calendar).dueAt);

      await lab.sleepUntil(clock.dueAt, -HOUR_MS);
      const withdrawn = await subject.act('withdraw_publicity', actors.headWang, { reason: 'The decision was revoked on reconsideration' });
      expect(withdrawn.publicity?.withdrawnAt).toBeDefined();
      await expectMet(subject, 'publicity_withdrawal');
    });

    it('APL 48: a changed decision not withdrawn within 3 working days is warned about a working day before, then recorded as missed', async () => {
      const subject = await lab.registerCase();
      await subject.publish();
      await subject.act('record_payment', actors.handlerChen, thinPath.pay);
      await subject.act('record_decision_change', actors.headWang, { kind: 'held_unlawful', reason: 'Held unlawful by the court' });
      const { dueAt, warnAt } = await subject.clock('publicity_withdrawal');
      // The policy warns one working day ahead here: the default three would leave no time inside a 3-day period.
      expect(msOf(dueAt) - msOf(warnAt)).toBeGreaterThanOrEqual(DAY_MS);

      await lab.sleepUntil(dueAt);
      const { warned } = await expectMissedAsRecorded(subject, 'publicity_withdrawal');
      const warnedLateByMs = msOf(warned.occurredAt) - msOf(warnAt);
      expect(warnedLateByMs).toBeGreaterThanOrEqual(0);
      expect(warnedLateByMs).toBeLessThan(MINUTE_MS);
    });
  });

  describe('payment (APL 67: 15 days from service; APL 72: 3% a day late, never above the fine)', () => {
    it('APL 67: a fine paid within 15 days of service meets the payment clock, with no surcharge', async () => {
      const subject = await lab.registerCase();
      const served = await subject.serve();
      const clock = clockIn(served, 'payment');
      expect(clock).toMatchObject({ status: 'running', rule: policy.execution.paymentPeriod, startedAt: served.service?.servedAt });
      expect(clock.dueAt).toBe(naturalDaysDeadline(clock.startedAt, 15, calendar).dueAt);

      await lab.sleepUntil(clock.dueAt, -HOUR_MS);
      const paid = await subject.act('record_payment', actors.handlerChen, thinPath.pay);
      expect(paid.execution).toMatchObject({ completion: 'paid', payments: [{ amount: FINE }] });
      await expectMet(subject, 'payment');
      expect((await paymentEvents(subject)).map((event) => event.data)).toEqual([
        expect.objectContaining({ amount: FINE, surcharge: 0, totalDue: FINE, settled: true }),
      ]);
    });

    it('APL 67, 72: an unpaid fine is recorded as missed; the fine alone, paid two days late, does not settle the 3%-a-day surcharge', async () => {
      const subject = await lab.registerCase();
      await subject.serve();
      const { dueAt } = await subject.clock('payment');

      await lab.sleepUntil(dueAt, 3 * DAY_MS);
      const { missed } = await expectMissedAsRecorded(subject, 'payment');
      expect(missed).toMatchObject({ stageBefore: 'execution', stageAfter: 'execution' });

      // Paid two whole days after the last day: 2 × 3% of ¥50,000 is owed on top.
      const paidAt = new Date(msOf(dueAt) + 2 * DAY_MS).toISOString();
      const short = await subject.act('record_payment', actors.handlerChen, { amount: FINE, paidAt });
      expect(short.execution?.completedAt).toBeUndefined();
      expect((await paymentEvents(subject)).map((event) => event.data)).toEqual([
        expect.objectContaining({ amount: FINE, paidAt, surcharge: 3_000, totalDue: 53_000, settled: false }),
      ]);
    });

    it('APL 72: a late fine paid with its surcharge of exactly 3% a day settles the execution, and the case can close', async () => {
      const subject = await lab.registerCase();
      await subject.serve();
      const { dueAt } = await subject.clock('payment');
      await lab.sleepUntil(dueAt, 6 * DAY_MS);

      // Five days late: 5 × 3% of ¥50,000.
      const paidAt = new Date(msOf(dueAt) + 5 * DAY_MS).toISOString();
      const paid = await subject.act('record_payment', actors.handlerChen, { amount: 57_500, paidAt });
      expect(paid.execution).toMatchObject({ completion: 'paid' });
      expect((await paymentEvents(subject)).map((event) => event.data)).toEqual([
        expect.objectContaining({ surcharge: 7_500, totalDue: 57_500, settled: true }),
      ]);
      expect(clockIn(paid, 'payment')).toMatchObject({ status: 'missed' });
      expect(await subject.act('close_case', actors.headWang, thinPath.close)).toMatchObject({ stage: 'closed' });
    });

    it('APL 72: the late surcharge never exceeds the fine, however late the payment', async () => {
      const subject = await lab.registerCase();
      await subject.serve();
      const { dueAt } = await subject.clock('payment');
      await lab.sleepUntil(dueAt, 41 * DAY_MS);
      await expectMissedAsRecorded(subject, 'payment');

      // Forty days late would be 120% at 3% a day; the surcharge stops at the fine.
      const paidAt = new Date(msOf(dueAt) + 40 * DAY_MS).toISOString();
      const paid = await subject.act('record_payment', actors.handlerChen, { amount: 2 * FINE, paidAt });
      expect(paid.execution).toMatchObject({ completion: 'paid' });
      expect((await paymentEvents(subject)).map((event) => event.data)).toEqual([
        expect.objectContaining({ surcharge: FINE, totalDue: 2 * FINE, settled: true }),
      ]);
    });
  });

  describe('archive (policy: within 30 days of closing)', () => {
    it('domain.md §2: archiving within 30 days of closing meets the archive clock, and the case’s workflow ends', async () => {
      const subject = await lab.registerCase();
      const closed = await subject.close();
      const clock = clockIn(closed, 'archive');
      expect(clock).toMatchObject({ status: 'running', rule: policy.archive.archivePeriod, startedAt: closed.closing?.closedAt });
      expect(clock.dueAt).toBe(naturalDaysDeadline(clock.startedAt, 30, calendar).dueAt);

      await lab.sleepUntil(clock.dueAt, -HOUR_MS);
      expect(await subject.act('archive_case', actors.headWang, thinPath.archive)).toMatchObject({ stage: 'archived' });
      expect(await subject.status()).toBe('COMPLETED');
      await expectMet(subject, 'archive');
    });

    it('domain.md §2: a closed case not archived within 30 days is warned about, then recorded as missed; archiving later ends it', async () => {
      const subject = await lab.registerCase();
      await subject.close();
      const { dueAt } = await subject.clock('archive');

      await lab.sleepUntil(dueAt);
      const { missed } = await expectMissedAsRecorded(subject, 'archive');
      expect(missed).toMatchObject({ stageBefore: 'closed', stageAfter: 'closed' });

      const archived = await subject.act('archive_case', actors.headWang, { important: true });
      expect(archived).toMatchObject({ stage: 'archived', archive: { important: true } });
      expect(clockIn(archived, 'archive')).toMatchObject({ status: 'missed' });
      expect(await subject.status()).toBe('COMPLETED');
    });

    it('domain.md §4: a publicity withdrawal still due is not dropped by archiving: the case never ends with a clock left running', async () => {
      const subject = await lab.registerCase();
      await subject.publish();
      await subject.act('record_payment', actors.handlerChen, thinPath.pay);
      await subject.act('close_case', actors.headWang, thinPath.close);
      // APL 48: a decision revoked after closing is still withdrawn from publicity, within 3 working days.
      const changed = await subject.act('record_decision_change', actors.headWang, { kind: 'revoked', reason: 'Revoked on reconsideration' });
      expect(clockIn(changed, 'publicity_withdrawal')).toMatchObject({ status: 'running' });

      // Either archiving waits for the withdrawal (a coded refusal), or the archived case leaves no
      // clock open: once the workflow ends, nothing warns about, meets or misses a clock again.
      const leftOpen = await subject.act('archive_case', actors.headWang, thinPath.archive).then(
        (archived) => openClocks(archived).map((clock) => clock.kind),
        (error: unknown) => {
          expect(asRefusal(error).type).toBeDefined();
          return [];
        },
      );
      expect(leftOpen).toEqual([]);
    });
  });
});
