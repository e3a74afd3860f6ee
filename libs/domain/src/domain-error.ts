/**
 * Every broken rule has a code. The API maps codes to HTTP statuses in one place; the workflow
 * raises them as the type of a non-retryable ApplicationFailure so they cross the wire intact.
 */
export const DomainErrorCode = {
  /** The action is not allowed in the case's current stage. */
  StageTransitionNotAllowed: 'STAGE_TRANSITION_NOT_ALLOWED',
  /** The actor's role may not take this action. */
  RoleNotPermitted: 'ROLE_NOT_PERMITTED',
  /** The actor has the right role but is not a participant of this case in it. */
  NotCaseParticipant: 'NOT_CASE_PARTICIPANT',
  /** APL 42, 55: at least two handlers, each with an unexpired enforcement certificate. */
  TwoCertifiedHandlersRequired: 'TWO_CERTIFIED_HANDLERS_REQUIRED',
  /** APL 58, 64: reviewer, hearing officer and handlers are different people. */
  FourEyesViolation: 'FOUR_EYES_VIOLATION',
  /** APL 58: no decision without an approved legal review. */
  LegalReviewNotApproved: 'LEGAL_REVIEW_NOT_APPROVED',
  /** APL 44, 45: the party must have been notified and the window closed before deciding. */
  NoticeNotClosed: 'NOTICE_NOT_CLOSED',
  /** APL 57: a complex case or grave violation needs the heads' collective discussion first. */
  CollectiveDiscussionRequired: 'COLLECTIVE_DISCUSSION_REQUIRED',
  /** An extension beyond what the rules allow (filing once; decision once, then only by collective discussion). */
  ExtensionNotAllowed: 'EXTENSION_NOT_ALLOWED',
  /** APL 63, 64: no hearing for this penalty, or the request came after the window. */
  HearingNotAvailable: 'HEARING_NOT_AVAILABLE',
  /** APL 45: the penalty may not be increased because the party defended themself. */
  PenaltyIncreasedAfterDefence: 'PENALTY_INCREASED_AFTER_DEFENCE',
  /** APL 36: the act went undiscovered past the limitation period (2 years; 5 for life, health, finance). */
  LimitationPeriodExpired: 'LIMITATION_PERIOD_EXPIRED',
  /** Forced enforcement is applied for only once the windows for reconsideration and lawsuit have passed. */
  EnforcementPremature: 'ENFORCEMENT_PREMATURE',
  /** A case has one transfer of each kind (domain.md §3: one transfer record per case). */
  TransferAlreadyStarted: 'TRANSFER_ALREADY_STARTED',
  /** The request was made against a version of the case that is no longer current. */
  VersionConflict: 'VERSION_CONFLICT',
  /** The case is in another agency than the actor's. */
  AgencyMismatch: 'AGENCY_MISMATCH',
  /** A field of the request is missing or malformed. */
  InvalidInput: 'INVALID_INPUT',
  /** The case has ended; nothing more can be recorded on it. */
  CaseClosed: 'CASE_CLOSED',
  CaseNotFound: 'CASE_NOT_FOUND',
  /** No attachment by that id on the case (or the case is not readable by the actor). */
  AttachmentNotFound: 'ATTACHMENT_NOT_FOUND',
  CaseAlreadyExists: 'CASE_ALREADY_EXISTS',
  /** The agency already has a policy of that version: a version names what cases ran under, once. */
  PolicyVersionExists: 'POLICY_VERSION_EXISTS',
} as const;

export type DomainErrorCode = (typeof DomainErrorCode)[keyof typeof DomainErrorCode];

export const ALL_DOMAIN_ERROR_CODES: readonly DomainErrorCode[] = Object.values(DomainErrorCode);

export function isDomainErrorCode(value: unknown): value is DomainErrorCode {
  return typeof value === 'string' && (ALL_DOMAIN_ERROR_CODES as readonly string[]).includes(value);
}

export class DomainError extends Error {
  override readonly name = 'DomainError';

  constructor(
    readonly code: DomainErrorCode,
    message: string,
    /** The request field at fault, as a dotted path, where one is. */
    readonly field?: string,
  ) {
    super(message);
  }
}
