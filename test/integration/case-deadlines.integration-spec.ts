import { chinaDateOf, createWorkingCalendar, defaultAgencyPolicy, naturalDaysDeadline, workingDaysDeadline } from '@docket/domain';
import { AGENCY, actors, defaultPolicySnapshot, thinPath } from '../support/case-fixtures';
import {
  DAY_MS,
  DeadlineLab,
  HOUR_MS,
  MINUTE_MS,
  clockIn,
  expectMet,
  expectMissedAsRecorded,
  hearingOfficerLiu,
  msOf,
  refusalOf,
} from '../support/case-deadline.harness';

/** The calendar and policy the cases run under: the agency's defaults, as the API reads them. */
const calendar = createWorkingCalendar(defaultPolicySnapshot().calendarYears);
const policy = defaultAgencyPolicy(AGENCY);

/** How many China-time calendar days lie between two instants' dates. */
function chinaDaysBetween(from: string | undefined, to: string | undefined): number {
  return (Date.parse(chinaDateOf(to ?? '')) - Date.parse(chinaDateOf(from ?? ''))) / DAY_MS;
}

/**
 * The clocks that run before the decision (domain.md §2, §4) as durable timers on the time-skipping
 * test server, with a real worker, real activities and Postgres: each one met and missed, and paused
 * or extended where the rulebook says so.
 */
describe('deadlines before the decision, as durable timers', () => {
  let lab: DeadlineLab;

  beforeAll(async () => {
    lab = await DeadlineLab.start('case-deadlines');
  });

  afterEach(async () => {
    await lab?.endRunningCases();
  });

  afterAll(async () => {
    await lab?.stop();
  });

  describe('filing decision (SAMR Art. 18: 15 working days from registration)', () => {
    it('SAMR Art. 18: filing on the last day meets the filing clock, after a warning and with no miss', async () => {
      const subject = await lab.registerCase();
      const clock = await subject.clock('filing_decision');
      const { registeredAt } = await subject.state();
      expect(clock).toMatchObject({ status: 'running', rule: policy.filing.decisionPeriod, startedAt: registeredAt });

      await lab.sleepUntil(clock.dueAt, -HOUR_MS);
      expect(await subject.fileCase()).toMatchObject({ stage: 'filed' });

      await expectMet(subject, 'filing_decision');
      const events = await subject.clockEvents('filing_decision');
      expect(events.map((event) => [event.type, event.actorId, event.data['dueAt']])).toEqual([['deadline_warned', 'system', clock.dueAt]]);
    });

    it('SAMR Art. 18: a clue left undecided past 15 working days is warned about, then recorded as missed and escalated', async () => {
      const subject = await lab.registerCase();
      const { dueAt } = await subject.clock('filing_decision');

      await lab.sleepUntil(dueAt, -MINUTE_MS);
      expect(await subject.clock('filing_decision')).toMatchObject({ status: 'running' });
      await lab.sleepUntil(dueAt);

      const { missed } = await expectMissedAsRecorded(subject, 'filing_decision');
      expect(missed).toMatchObject({ stageBefore: 'clue', stageAfter: 'clue' });
      expect((await subject.recordedEvents()).map((event) => [event.type, event.actorId])).toEqual([
        ['case_registered', 'handler-li'],
        ['deadline_warned', 'system'],
        ['deadline_missed', 'system'],
      ]);
      // The head still decides late; the miss stays in the record.
      await subject.fileCase();
      expect(await subject.clock('filing_decision')).toMatchObject({ status: 'missed' });
    });

    it('SAMR Art. 18: the head extends the filing period once, by 15 working days, and the clock warns again for the new due time', async () => {
      const subject = await lab.registerCase();
      const original = await subject.clock('filing_decision');
      await lab.sleepUntil(original.warnAt);
      expect((await subject.clock('filing_decision')).warnedAt).toBeDefined();

      const afterExtension = await subject.act('extend_filing_period', actors.headWang, { reason: 'Awaiting the complainant’s evidence' });
      const extended = clockIn(afterExtension, 'filing_decision');
      expect(extended).toMatchObject({ status: 'running', startedAt: original.startedAt, extensions: [policy.filing.extension] });
      expect(extended.warnedAt).toBeUndefined();
      // Fifteen more working days after the original last day: three weeks at least.
      expect(extended.dueAt).toBe(workingDaysDeadline(original.dueAt, 15, calendar).dueAt);
      expect(msOf(extended.dueAt) - msOf(original.dueAt)).toBeGreaterThanOrEqual(21 * DAY_MS);

      const again = await refusalOf(subject.act('extend_filing_period', actors.headWang, { reason: 'Still waiting' }));
      expect(again.type).toBe('EXTENSION_NOT_ALLOWED');

      await lab.sleepUntil(original.dueAt);
      expect(await subject.clock('filing_decision')).toMatchObject({ status: 'running' });
      await lab.sleepUntil(extended.dueAt);

      await expectMissedAsRecorded(subject, 'filing_decision');
      expect((await subject.recordedEvents()).map((event) => [event.type, event.actorId, event.data['dueAt']])).toEqual([
        ['case_registered', 'handler-li', undefined],
        ['deadline_warned', 'system', original.dueAt],
        ['filing_period_extended', 'head-wang', undefined],
        ['deadline_warned', 'system', extended.dueAt],
        ['deadline_missed', 'system', extended.dueAt],
      ]);
    });
  });

  describe('decision (APL 60: 90 days from filing)', () => {
    it('APL 60: a decision within 90 days of filing meets the decision clock', async () => {
      const subject = await lab.registerCase();
      await subject.toNotice();
      const clock = await subject.clock('decision');
      expect(clock).toMatchObject({ status: 'running', rule: policy.decision.decisionPeriod });
      expect(clock.dueAt).toBe(naturalDaysDeadline(clock.startedAt, 90, calendar).dueAt);

      await subject.act('close_notice', actors.handlerLi, thinPath.closeNotice);
      await lab.sleep(80 * DAY_MS);
      await subject.act('decide_case', actors.headWang, thinPath.decide);

      const met = await expectMet(subject, 'decision');
      expect(msOf(met.settledAt) - msOf(met.startedAt)).toBeGreaterThanOrEqual(80 * DAY_MS);
      expect(await subject.clockEvents('decision')).toEqual([]);
    });

    it('APL 60: a case undecided 90 days after filing is warned about, then recorded as missed and escalated to the head', async () => {
      const subject = await lab.registerCase();
      await subject.investigate();
      const { dueAt } = await subject.clock('decision');

      await lab.sleepUntil(dueAt, -MINUTE_MS);
      const warned = await subject.clock('decision');
      expect(warned.status).toBe('running');
      expect(warned.warnedAt).toBeDefined();
      await lab.sleepUntil(dueAt);

      const { missed } = await expectMissedAsRecorded(subject, 'decision');
      expect(missed).toMatchObject({ stageBefore: 'investigation', stageAfter: 'investigation' });
      const [projection]: Array<{ stage: string; missed: boolean }> = await lab.dataSource.query(
        `SELECT stage, state->'deadlines' @> '[{"kind": "decision", "status": "missed"}]' AS missed FROM cases WHERE id = $1`,
        [subject.caseId],
      );
      expect(projection).toEqual({ stage: 'investigation', missed: true });
    });

    it('APL 60 with SAMR: the decision clock pauses while the case is suspended, and moves by exactly the suspended time', async () => {
      const subject = await lab.registerCase();
      await subject.investigate();
      await lab.sleep(10 * DAY_MS);
      const before = await subject.clock('decision');

      const suspended = await subject.act('suspend_case', actors.headWang, { reason: 'Awaiting the laboratory’s test report' });
      expect(suspended.stage).toBe('suspended');
      expect(clockIn(suspended, 'decision')).toMatchObject({ status: 'paused', dueAt: before.dueAt });

      // Far past the original due time: a paused clock is neither warned about nor missed.
      await lab.sleepUntil(before.dueAt, 20 * DAY_MS);
      expect(await subject.clock('decision')).toMatchObject({ status: 'paused' });
      expect(await subject.clockEvents('decision')).toEqual([]);

      const resumed = await subject.act('resume_case', actors.headWang, { reason: 'Test report received' });
      const [suspension] = resumed.suspensions;
      const pausedMs = msOf(suspension?.to) - msOf(suspension?.from);
      expect(pausedMs).toBeGreaterThanOrEqual(100 * DAY_MS);
      const after = clockIn(resumed, 'decision');
      expect(after).toMatchObject({ status: 'running', pauses: [{ from: suspension?.from, to: suspension?.to }] });
      expect(msOf(after.dueAt) - msOf(before.dueAt)).toBe(pausedMs);
      // How long it lasted is recorded, in China-time calendar days.
      expect(suspension?.pausedDays).toBe(chinaDaysBetween(suspension?.from, suspension?.to));
      const resumedEvents = (await subject.recordedEvents()).filter((event) => event.type === 'case_resumed');
      expect(resumedEvents.map((event) => [event.actorId, event.data['pausedDays']])).toEqual([['head-wang', suspension?.pausedDays]]);

      // The moved due time is the one the timer enforces.
      await lab.sleepUntil(after.dueAt, -MINUTE_MS);
      expect(await subject.clock('decision')).toMatchObject({ status: 'running' });
      await lab.sleepUntil(after.dueAt);
      await expectMissedAsRecorded(subject, 'decision');
    });

    it('SAMR: hearing time is not counted in the decision period: the clock pauses from the request until the hearing is recorded', async () => {
      const subject = await lab.registerCase();
      await subject.toNotice();
      await lab.sleep(5 * HOUR_MS);
      const before = await subject.clock('decision');

      const requested = await subject.act('request_hearing', actors.handlerLi, {});
      expect(requested.stage).toBe('hearing');
      expect(clockIn(requested, 'decision')).toMatchObject({ status: 'paused' });
      // The party answered the notice by asking for a hearing: the response clock is met.
      await expectMet(subject, 'notice_response');

      const scheduledFor = new Date((await lab.now()) + 30 * DAY_MS).toISOString();
      await subject.act('schedule_hearing', actors.headWang, { officerId: hearingOfficerLiu.userId, scheduledFor, public: true });
      await lab.sleepUntil(before.dueAt, 10 * DAY_MS);
      expect(await subject.clock('decision')).toMatchObject({ status: 'paused' });
      expect(await subject.clockEvents('decision')).toEqual([]);

      const heard = await subject.act('record_hearing', hearingOfficerLiu, { outcome: 'held', record: 'Party heard; record signed' });
      const { requestedAt, recordedAt } = heard.hearing ?? { requestedAt: undefined };
      const after = clockIn(heard, 'decision');
      expect(after).toMatchObject({ status: 'running', pauses: [{ from: requestedAt, to: recordedAt }] });
      expect(msOf(after.dueAt) - msOf(before.dueAt)).toBe(msOf(recordedAt) - msOf(requestedAt));

      await lab.sleepUntil(after.dueAt, -DAY_MS);
      await subject.act('decide_case', actors.headWang, thinPath.decide);
      await expectMet(subject, 'decision');
    });

    it('SAMR: the head extends the decision period by 30 days; a further extension only through collective discussion', async () => {
      const subject = await lab.registerCase();
      await subject.investigate();
      const original = await subject.clock('decision');

      const byHandler = await refusalOf(subject.act('extend_decision_period', actors.handlerLi, { reason: 'Complex evidence' }));
      expect(byHandler.type).toBe('ROLE_NOT_PERMITTED');
      const once = clockIn(await subject.act('extend_decision_period', actors.headWang, { reason: 'Complex evidence' }), 'decision');
      expect(once).toMatchObject({ status: 'running', startedAt: original.startedAt, extensions: [policy.decision.extension] });
      expect(once.dueAt).toBe(naturalDaysDeadline(original.dueAt, 30, calendar).dueAt);
      expect(msOf(once.dueAt) - msOf(original.dueAt)).toBeGreaterThanOrEqual(30 * DAY_MS);

      const alone = await refusalOf(subject.act('extend_decision_period', actors.headWang, { reason: 'Still complex' }));
      expect(alone.type).toBe('EXTENSION_NOT_ALLOWED');
      const viaDiscussion = { reason: 'Decided by the heads together', viaCollectiveDiscussion: true };
      const twice = clockIn(await subject.act('extend_decision_period', actors.headWang, viaDiscussion), 'decision');
      expect(twice.dueAt).toBe(naturalDaysDeadline(once.dueAt, 30, calendar).dueAt);

      await lab.sleepUntil(original.dueAt);
      expect(await subject.clock('decision')).toMatchObject({ status: 'running' });
      await lab.sleepUntil(twice.dueAt);
      await expectMissedAsRecorded(subject, 'decision');
      const extensions = (await subject.recordedEvents()).filter((event) => event.type === 'decision_period_extended');
      expect(extensions.map((event) => [event.actorId, event.data])).toEqual([
        ['head-wang', { type: 'decision_period_extended', reason: 'Complex evidence', viaCollectiveDiscussion: false }],
        ['head-wang', { type: 'decision_period_extended', ...viaDiscussion }],
      ]);
    });

    it('APL 60: a clock moved by a suspension is kept across continue-as-new and enforced by the new run', async () => {
      const subject = await lab.registerCase({ continueAsNewAfterEvents: 20 });
      const firstRunId = (await subject.handle.describe()).runId;
      await subject.investigate();
      await subject.act('suspend_case', actors.headWang, { reason: 'Awaiting expert opinion' });
      await lab.sleep(15 * DAY_MS);
      const { dueAt } = clockIn(await subject.act('resume_case', actors.headWang, { reason: 'Expert opinion received' }), 'decision');

      await lab.sleepUntil(dueAt);
      expect((await subject.handle.describe()).runId).not.toBe(firstRunId);
      await expectMissedAsRecorded(subject, 'decision');
      const sequences = (await subject.recordedEvents()).map((event) => event.sequence);
      expect(sequences).toEqual(sequences.map((_, index) => index + 1));
    });
  });

  describe('legal review (SAMR practice: 10 working days from the report)', () => {
    it('APL 58: a review decided within 10 working days meets the review clock', async () => {
      const subject = await lab.registerCase();
      await subject.toLegalReview();
      const clock = await subject.clock('legal_review');
      expect(clock).toMatchObject({ status: 'running', rule: policy.legalReview.reviewPeriod });
      expect(clock.dueAt).toBe(workingDaysDeadline(clock.startedAt, 10, calendar).dueAt);

      await lab.sleepUntil(clock.warnAt, -HOUR_MS);
      await subject.act('decide_legal_review', actors.reviewerZhao, thinPath.approveReview);
      await expectMet(subject, 'legal_review');
      expect(await subject.clockEvents('legal_review')).toEqual([]);
    });

    it('APL 58: a review not decided within 10 working days is warned about, then recorded as missed; the reviewer still decides', async () => {
      const subject = await lab.registerCase();
      await subject.toLegalReview();
      const { dueAt } = await subject.clock('legal_review');

      await lab.sleepUntil(dueAt);
      const { missed } = await expectMissedAsRecorded(subject, 'legal_review');
      expect(missed).toMatchObject({ stageBefore: 'legal_review', stageAfter: 'legal_review' });

      const approved = await subject.act('decide_legal_review', actors.reviewerZhao, thinPath.approveReview);
      expect(approved.stage).toBe('notice');
      expect(clockIn(approved, 'legal_review')).toMatchObject({ status: 'missed' });
    });
  });

  describe('notice response (SAMR: 5 working days; silence is a waiver)', () => {
    it('APL 44: the party’s statement within 5 working days meets the response clock', async () => {
      const subject = await lab.registerCase();
      await subject.toNotice();
      const clock = await subject.clock('notice_response');
      expect(clock).toMatchObject({ status: 'running', rule: policy.notice.responsePeriod });
      expect(clock.dueAt).toBe(workingDaysDeadline(clock.startedAt, 5, calendar).dueAt);

      await lab.sleepUntil(clock.dueAt, -2 * HOUR_MS);
      const statement = { partyResponse: 'statement', statement: 'The packs were set aside for return' } as const;
      expect((await subject.act('close_notice', actors.handlerChen, statement)).notice).toMatchObject({ closure: 'statement' });
      await expectMet(subject, 'notice_response');
    });

    it('SAMR: silence is a waiver: when the response period runs out the notice closes with closure silence, and the case can be decided', async () => {
      const subject = await lab.registerCase();
      await subject.toNotice();
      const { dueAt } = await subject.clock('notice_response');
      expect((await refusalOf(subject.act('decide_case', actors.headWang, thinPath.decide))).type).toBe('NOTICE_NOT_CLOSED');

      await lab.sleepUntil(dueAt);
      const { clock } = await expectMissedAsRecorded(subject, 'notice_response');
      const state = await subject.state();
      expect(state.stage).toBe('notice');
      expect(state.notice).toMatchObject({ closure: 'silence', closedAt: clock.settledAt });
      // The party's window has closed: a hearing can no longer be asked for.
      expect((await refusalOf(subject.act('request_hearing', actors.handlerLi, {}))).type).toBe('HEARING_NOT_AVAILABLE');

      const decided = await subject.act('decide_case', actors.headWang, thinPath.decide);
      expect(decided).toMatchObject({ stage: 'decided', decision: { outcome: 'penalty', fine: thinPath.decide.fine } });
      expect(clockIn(decided, 'decision')).toMatchObject({ status: 'met' });
    });
  });
});
