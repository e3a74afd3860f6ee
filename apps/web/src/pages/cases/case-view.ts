import { CASE_STAGES, type CaseStage, type CaseState, type Deadline } from '../../api/cases';
import { urgencyOf, type Urgency } from '../../ui/urgency';

/**
 * The case as the case page shows it: pure mappings from the API's state, unit-tested beside.
 */

/**
 * The path of a case through its stages (domain.md §2), in order: every stage but the two that
 * step off it (not filed ends a clue; suspended pauses a case where it stands).
 */
export const TIMELINE_STAGES: readonly CaseStage[] = CASE_STAGES.filter((stage) => stage !== 'not_filed' && stage !== 'suspended');

export type TimelineState = 'past' | 'current' | 'future' | 'skipped';

export interface TimelineStep {
  readonly stage: CaseStage;
  readonly state: TimelineState;
  /** When the case reached the stage (or, for service and publicity, when the step was done), where the state records it. */
  readonly at?: string;
  /** The case is suspended (中止) in this stage: its clocks stand still. */
  readonly suspended?: boolean;
}

/** Stages a case may pass over: without their record they were not needed. */
const OPTIONAL: ReadonlySet<CaseStage> = new Set(['legal_review', 'hearing', 'collective_discussion', 'service', 'publicity', 'execution']);

function reachedAt(state: CaseState, stage: CaseStage): string | undefined {
  switch (stage) {
    case 'clue':
      return state.registeredAt;
    case 'filed':
      return state.filing?.filed === true ? state.filing.decidedAt : undefined;
    case 'legal_review':
      return state.report?.legalReview?.required === true || state.reviews.length > 0 ? state.report?.submittedAt : undefined;
    case 'notice':
      return state.notice?.openedAt;
    case 'hearing':
      return state.hearing?.requestedAt;
    case 'collective_discussion':
      return state.collectiveDiscussion?.heldAt;
    case 'decided':
      return state.decision?.decidedAt;
    case 'service':
      return state.service?.servedAt;
    case 'publicity':
      return state.publicity?.publishedAt;
    case 'execution':
      return state.execution?.completedAt ?? state.execution?.payments[0]?.paidAt;
    case 'closed':
      return state.closing?.closedAt;
    case 'archived':
      return state.archive?.archivedAt;
    case 'investigation':
    case 'not_filed':
    case 'suspended':
      return undefined;
  }
}

/** Was an optional stage gone through? Its record says so even where it carries no date. */
function wentThrough(state: CaseState, stage: CaseStage): boolean {
  switch (stage) {
    case 'legal_review':
      return state.reviews.length > 0 || state.report?.legalReview?.required === true;
    case 'hearing':
      return state.hearing !== undefined;
    case 'collective_discussion':
      return state.collectiveDiscussion !== undefined;
    case 'service':
      return state.service !== undefined;
    case 'publicity':
      return state.publicity !== undefined;
    case 'execution':
      return state.execution !== undefined;
    case 'clue':
    case 'not_filed':
    case 'filed':
    case 'investigation':
    case 'suspended':
    case 'notice':
    case 'decided':
    case 'closed':
    case 'archived':
      return true;
  }
}

export function caseTimeline(state: CaseState): readonly TimelineStep[] {
  if (state.stage === 'not_filed') {
    return [
      { stage: 'clue', state: 'past', at: state.registeredAt },
      { stage: 'not_filed', state: 'current', ...(state.filing === undefined ? {} : { at: state.filing.decidedAt }) },
    ];
  }
  const suspended = state.stage === 'suspended';
  const lastSuspension = state.suspensions?.[state.suspensions.length - 1];
  const effective: CaseStage = suspended ? ((lastSuspension?.fromStage as CaseStage | undefined) ?? 'investigation') : state.stage;
  const current = TIMELINE_STAGES.indexOf(effective);
  return TIMELINE_STAGES.map((stage, index): TimelineStep => {
    const at = reachedAt(state, stage);
    const dated = at === undefined ? {} : { at };
    if (index < current) {
      return { stage, state: OPTIONAL.has(stage) && !wentThrough(state, stage) ? 'skipped' : 'past', ...dated };
    }
    if (index === current) {
      return { stage, state: 'current', ...dated, ...(suspended ? { suspended: true } : {}) };
    }
    return { stage, state: 'future' };
  });
}

export interface DeadlineRow {
  readonly kind: string;
  readonly status: Deadline['status'];
  readonly startedAt: string;
  readonly dueAt: string;
  readonly settledAt?: string;
  /** Colour: a running clock by time left; a missed one overdue; a met or paused one none. */
  readonly urgency: Urgency;
  readonly extended: boolean;
}

const STATUS_ORDER: Readonly<Record<Deadline['status'], number>> = { running: 0, paused: 1, missed: 2, met: 3 };

/** Every clock of the case: running ones first, soonest due first; then paused, missed and met. */
export function deadlineRows(state: CaseState, now: number): readonly DeadlineRow[] {
  return [...state.deadlines]
    .sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || Date.parse(a.dueAt) - Date.parse(b.dueAt))
    .map((deadline) => ({
      kind: deadline.kind,
      status: deadline.status,
      startedAt: deadline.startedAt,
      dueAt: deadline.dueAt,
      ...(deadline.settledAt === undefined ? {} : { settledAt: deadline.settledAt }),
      urgency: deadline.status === 'running' ? urgencyOf(deadline.dueAt, now) : deadline.status === 'missed' ? 'overdue' : 'none',
      extended: (deadline.extensions?.length ?? 0) > 0,
    }));
}

export interface Participant {
  /** A role key (`role.handler`…) or a part played (`registrar`). */
  readonly part: 'registrar' | 'handler' | 'reviewer' | 'head' | 'hearing_officer' | 'discussion';
  readonly userId: string;
  readonly detail?: string;
}

/** Who has taken part in the case, from its records; each person once per part. */
export function participants(state: CaseState): readonly Participant[] {
  const list: Participant[] = [];
  const add = (participant: Participant) => {
    if (!list.some((known) => known.part === participant.part && known.userId === participant.userId)) {
      list.push(participant);
    }
  };
  if (state.registeredBy !== undefined) {
    add({ part: 'registrar', userId: state.registeredBy.userId });
  }
  for (const handler of state.handlers) {
    add({ part: 'handler', userId: handler.userId, detail: handler.certificateNumber });
  }
  for (const review of state.reviews) {
    add({ part: 'reviewer', userId: review.reviewerId });
  }
  for (const head of [state.filing?.decidedBy, state.decision?.decidedBy, state.closing?.closedBy, state.archive?.archivedBy]) {
    if (head !== undefined) {
      add({ part: 'head', userId: head });
    }
  }
  if (state.hearing?.officerId !== undefined) {
    add({ part: 'hearing_officer', userId: state.hearing.officerId });
  }
  for (const userId of state.collectiveDiscussion?.participants ?? []) {
    add({ part: 'discussion', userId });
  }
  return list;
}

/** The case's label: its number once filed, else the start of its id. */
export function caseLabel(state: { readonly caseNumber?: string | null; readonly caseId: string }): string {
  return state.caseNumber ?? state.caseId.slice(0, 8);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) {
    return `${bytes} B`;
  }
  if (bytes < 1024 * 1024) {
    return `${(bytes / 1024).toFixed(1)} KB`;
  }
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Amounts in yuan as Chinese documents write them: ¥50,000.00. */
export function formatYuan(amount: number): string {
  return `¥${amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}
