/**
 * The stages of an enforcement case (domain.md §2). A case is in exactly one stage at a time;
 * transfers to discipline inspection and judicial organs run beside it as child processes.
 */
export const CaseStage = {
  /** 线索登记 */
  Clue: 'clue',
  /** 不予立案 */
  NotFiled: 'not_filed',
  /** 立案 */
  Filed: 'filed',
  /** 调查取证 */
  Investigation: 'investigation',
  /** 中止 */
  Suspended: 'suspended',
  /** 法制审核 */
  LegalReview: 'legal_review',
  /** 告知 */
  Notice: 'notice',
  /** 听证 */
  Hearing: 'hearing',
  /** 集体讨论 */
  CollectiveDiscussion: 'collective_discussion',
  /** 决定 */
  Decided: 'decided',
  /** 送达 */
  Service: 'service',
  /** 公示 */
  Publicity: 'publicity',
  /** 执行 */
  Execution: 'execution',
  /** 结案 */
  Closed: 'closed',
  /** 归档 */
  Archived: 'archived',
} as const;

export type CaseStage = (typeof CaseStage)[keyof typeof CaseStage];

export const ALL_CASE_STAGES: readonly CaseStage[] = Object.values(CaseStage);

/**
 * Stages after which the workflow ends: nothing more can happen to the case. A closed case is not
 * final yet: it is archived, and a later change of its decision still withdraws its publicity.
 */
const FINAL_STAGES: ReadonlySet<CaseStage> = new Set([CaseStage.NotFiled, CaseStage.Archived]);

export function isFinalStage(stage: CaseStage): boolean {
  return FINAL_STAGES.has(stage);
}

export function isCaseStage(value: unknown): value is CaseStage {
  return typeof value === 'string' && (ALL_CASE_STAGES as readonly string[]).includes(value);
}
