import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { ALL_CASE_STAGES } from '@docket/domain';
import { AGENCY_KINDS } from '@docket/persistence';

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export class SupervisionFiguresQueryDto {
  @ApiProperty({ description: 'The agency whose figures are asked for', example: 'sh-pudong-amr' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  agency!: string;

  @ApiProperty({ description: 'First day of the period, a China-time (UTC+8) calendar date, included', example: '2026-01-01' })
  @IsString()
  @Matches(DATE_PATTERN, { message: 'from must be a calendar date YYYY-MM-DD' })
  from!: string;

  @ApiProperty({
    description: 'Last day of the period, a China-time calendar date, included (2026-01-01 to 2026-03-31 is the first quarter); at most 3660 days after from',
    example: '2026-03-31',
  })
  @IsString()
  @Matches(DATE_PATTERN, { message: 'to must be a calendar date YYYY-MM-DD' })
  to!: string;
}

class PeriodDto {
  @ApiProperty({ example: '2026-01-01' })
  from!: string;

  @ApiProperty({ example: '2026-03-31' })
  to!: string;

  @ApiProperty({ enum: ['Asia/Shanghai'], example: 'Asia/Shanghai' })
  timeZone!: 'Asia/Shanghai';

  @ApiProperty({ description: 'China midnight at the start of `from`', example: '2025-12-31T16:00:00.000Z' })
  startsAt!: string;

  @ApiProperty({ description: 'China midnight after `to`: the period is [startsAt, endsBefore)', example: '2026-03-31T16:00:00.000Z' })
  endsBefore!: string;
}

class CluesDto {
  @ApiProperty({ description: 'Clues registered (线索登记) in the period: cases registered, whatever became of them', example: 40 })
  registered!: number;

  @ApiProperty({ description: 'Filing decisions in the period that approved filing (立案)', example: 30 })
  filed!: number;

  @ApiProperty({ description: 'Filing decisions in the period that declined filing (不予立案)', example: 6 })
  notFiled!: number;

  @ApiProperty({
    nullable: true,
    description: 'filed ÷ (filed + notFiled): of the filing decisions taken in the period, the share that filed; null when none was taken',
    example: 0.8333,
  })
  filingRate!: number | null;
}

class OnTimeDto {
  @ApiProperty({ description: 'Clocks met: the step was taken by its deadline', example: 18 })
  met!: number;

  @ApiProperty({ description: 'Clocks missed: the deadline passed first (recorded when it passed, even if the step came later)', example: 2 })
  missed!: number;

  @ApiProperty({ nullable: true, description: 'met ÷ (met + missed); null when no clock was settled in the period', example: 0.9 })
  onTimeRate!: number | null;
}

class LegalReviewTurnaroundDto {
  @ApiProperty({ description: 'Legal reviews (法制审核) decided in the period, whatever the verdict', example: 21 })
  decided!: number;

  @ApiProperty({ enum: ['calendar_hours'], description: 'Turnaround is measured in calendar hours, holidays and nights included', example: 'calendar_hours' })
  basis!: 'calendar_hours';

  @ApiProperty({
    nullable: true,
    description: 'Median time from the report entering review (its latest submission before the verdict) to the verdict; null without reviews',
    example: 52.5,
  })
  medianHours!: number | null;

  @ApiProperty({ nullable: true, description: 'Mean of the same times', example: 61.25 })
  averageHours!: number | null;

  @ApiProperty({ type: OnTimeDto, description: 'Review clocks (policy: 10 working days) settled in the period, met or missed; a case resubmitted for review counts with its latest clock only' })
  withinReviewPeriod!: OnTimeDto;
}

class ReviewOutcomesDto {
  @ApiProperty({ description: 'Verdicts in the period: approved (同意)', example: 17 })
  approved!: number;

  @ApiProperty({ description: 'Returned for supplementary investigation (退回补充调查)', example: 2 })
  returned!: number;

  @ApiProperty({ description: 'Revise and resubmit: changes proposed (建议修改后提交)', example: 1 })
  changesProposed!: number;

  @ApiProperty({ description: 'Disapproved (不同意)', example: 1 })
  disapproved!: number;
}

class ClueTransfersDto {
  @ApiProperty({ description: 'Clue transfers to discipline inspection (线索移送纪检监察) started in the period; the rest say where each stands now', example: 3 })
  started!: number;

  @ApiProperty({ description: 'Awaiting the head’s approval', example: 0 })
  awaitingApproval!: number;

  @ApiProperty({ description: 'Refused by the head: closed without a transfer', example: 0 })
  refused!: number;

  @ApiProperty({ description: 'Approved, not yet sent', example: 0 })
  awaitingTransfer!: number;

  @ApiProperty({ description: 'Sent; the receiving body has not acknowledged receipt', example: 1 })
  awaitingAcknowledgement!: number;

  @ApiProperty({ description: 'Acknowledged; feedback on handling not yet returned', example: 1 })
  awaitingFeedback!: number;

  @ApiProperty({ description: 'Feedback returned: closed', example: 1 })
  feedbackReceived!: number;
}

class FineRangeDto {
  @ApiProperty({ example: 20_000 })
  min!: number;

  @ApiProperty({ example: 60_000 })
  max!: number;
}

class DivergentPenaltyDto {
  @ApiProperty({ example: '6f1c2a4e-9a57-4d0b-8a5e-2c1f0d7b3e11' })
  caseId!: string;

  @ApiProperty({ nullable: true, example: 'FSL-124-1-3' })
  violationCode!: string | null;

  @ApiProperty({ nullable: true, enum: ['minor', 'ordinary', 'serious', 'grave'], example: 'ordinary' })
  severity!: string | null;

  @ApiProperty({ nullable: true, example: 'penalty' })
  proposedOutcome!: string | null;

  @ApiProperty({ nullable: true, example: 90_000 })
  proposedFine!: number | null;

  @ApiProperty({ enum: ['below_range', 'above_range', 'no_penalty_list_applies'], example: 'above_range' })
  benchmarkStatus!: string;

  @ApiProperty({ type: FineRangeDto, nullable: true, description: 'The benchmark range for the code and severity' })
  range!: FineRangeDto | null;

  @ApiProperty({ nullable: true, description: 'The fine finally decided, once decided', example: 60_000 })
  decidedFine!: number | null;

  @ApiProperty({ example: '2026-02-10T03:00:00.000Z' })
  submittedAt!: string;
}

class DivergentPenaltiesDto {
  @ApiProperty({
    description:
      'Investigation reports submitted in the period whose proposal the discretion benchmark (行政裁量权基准) check found below or above ' +
      'the range for its violation code and severity, or a penalty where a no-penalty list (首违不罚, 轻微免罚) applies; a report submitted ' +
      'again counts again',
    example: 1,
  })
  flagged!: number;

  @ApiProperty({ type: [DivergentPenaltyDto], description: 'The first 100 of them, oldest first' })
  cases!: DivergentPenaltyDto[];
}

class FinesImposedDto {
  @ApiProperty({ description: 'Penalty decisions taken in the period', example: 15 })
  decisions!: number;

  @ApiProperty({ description: 'Sum of the fines they imposed, in yuan', example: 412_000 })
  total!: number;
}

class PenaltyIncomeDto {
  @ApiProperty({ description: 'Fines and late surcharges paid in the period (by the date paid), in yuan', example: 360_000 })
  current!: number;

  @ApiProperty({ description: 'The same, in the period of equal length just before', example: 280_000 })
  previous!: number;

  @ApiProperty({ type: PeriodDto, description: 'The previous period (from and to only)' })
  previousPeriod!: Pick<PeriodDto, 'from' | 'to'>;

  @ApiProperty({ nullable: true, description: '(current − previous) ÷ previous, four decimals; null when nothing was paid in the previous period', example: 0.2857 })
  growth!: number | null;

  @ApiProperty({ example: 0.2 })
  threshold!: number;

  @ApiProperty({ description: 'growth ≥ threshold: possible profit-driven enforcement (逐利执法) for supervisors to look into', example: true })
  flagged!: boolean;

  @ApiProperty({ type: FinesImposedDto })
  finesImposed!: FinesImposedDto;
}

class NotRecordedDto {
  @ApiProperty({ enum: [false], example: false })
  recorded!: false;

  @ApiProperty({ example: 'Follow-up visits (回访) and their ratings are not recorded in Docket' })
  reason!: string;
}

class DecisionsCorrectedDto {
  @ApiProperty({ example: 1 })
  changed!: number;

  @ApiProperty({ example: 0 })
  revoked!: number;

  @ApiProperty({ example: 0 })
  heldUnlawful!: number;
}

class ReconsiderationDto extends NotRecordedDto {
  @ApiProperty({ type: DecisionsCorrectedDto, description: 'Decisions recorded in the period as changed, revoked or held unlawful: the rate’s numerator' })
  decisionsCorrected!: DecisionsCorrectedDto;
}

export class SupervisionFiguresDto {
  @ApiProperty({ example: 'sh-pudong-amr' })
  agencyId!: string;

  @ApiProperty({ type: PeriodDto })
  period!: PeriodDto;

  @ApiProperty({ type: CluesDto })
  clues!: CluesDto;

  @ApiProperty({
    description: `Cases of the agency in each stage now, at the time of the request (not of the period): ${ALL_CASE_STAGES.join(', ')}`,
    example: { clue: 4, filed: 1, investigation: 7, legal_review: 2, notice: 1, archived: 120 },
  })
  casesByStage!: Record<string, number>;

  @ApiProperty({ type: OnTimeDto, description: 'Decision clocks (APL 60: 90 days from filing, extensions and pauses applied) settled in the period' })
  decisionsOnTime!: OnTimeDto;

  @ApiProperty({ type: LegalReviewTurnaroundDto })
  legalReviewTurnaround!: LegalReviewTurnaroundDto;

  @ApiProperty({ type: ReviewOutcomesDto })
  reviewOutcomes!: ReviewOutcomesDto;

  @ApiProperty({ type: OnTimeDto, description: 'Publicity clocks (policy: 7 working days from the decision) settled in the period' })
  publicityOnTime!: OnTimeDto;

  @ApiProperty({ type: ClueTransfersDto })
  clueTransfers!: ClueTransfersDto;

  @ApiProperty({ type: DivergentPenaltiesDto })
  divergentPenalties!: DivergentPenaltiesDto;

  @ApiProperty({ type: PenaltyIncomeDto })
  penaltyIncome!: PenaltyIncomeDto;

  @ApiProperty({ type: NotRecordedDto, description: 'Complaint closure rate (办结率): not recorded' })
  complaintClosureRate!: NotRecordedDto;

  @ApiProperty({ type: NotRecordedDto, description: 'Satisfaction from follow-up visits (回访评价): not recorded' })
  followUpSatisfaction!: NotRecordedDto;

  @ApiProperty({ type: ReconsiderationDto, description: 'Reconsideration correction rate ((revoked + changed + held unlawful) ÷ concluded): not recorded' })
  reconsiderationCorrectionRate!: ReconsiderationDto;

  @ApiProperty({ type: NotRecordedDto, description: 'Problems found and rectified: not recorded' })
  problemsFoundAndRectified!: NotRecordedDto;
}

/** One agency the caller may ask figures of (GET /supervision/agencies). */
export class SupervisedAgencyDto {
  @ApiProperty({ description: 'Pass as `agency` to GET /supervision/figures', example: 'sh-pudong-amr' })
  id!: string;

  @ApiProperty({ example: '上海市浦东新区市场监督管理局' })
  name!: string;

  @ApiProperty({ enum: AGENCY_KINDS, description: 'Supervision bodies hold no cases of their own', example: 'enforcement' })
  kind!: string;

  @ApiProperty({ description: 'The caller’s own agency, as against one it supervises', example: false })
  own!: boolean;
}
