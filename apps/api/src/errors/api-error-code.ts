import { DomainErrorCode } from '@docket/domain';

/** Codes the API itself raises, beside the domain's. */
export const ApiErrorCode = {
  Unauthenticated: 'UNAUTHENTICATED',
  RouteNotFound: 'ROUTE_NOT_FOUND',
  PayloadTooLarge: 'PAYLOAD_TOO_LARGE',
  MalformedBody: 'MALFORMED_BODY',
  WorkflowServiceUnavailable: 'WORKFLOW_SERVICE_UNAVAILABLE',
  IdempotencyKeyReused: 'IDEMPOTENCY_KEY_REUSED',
  IdempotencyRequestInProgress: 'IDEMPOTENCY_REQUEST_IN_PROGRESS',
  Internal: 'INTERNAL',
} as const;

export type ApiErrorCode = (typeof ApiErrorCode)[keyof typeof ApiErrorCode];

export type ErrorCode = DomainErrorCode | ApiErrorCode;

/** Every code and its HTTP status, in one place. Exhaustive: a new code does not compile until mapped. */
export const ERROR_STATUS: { readonly [C in ErrorCode]: number } = {
  [DomainErrorCode.InvalidInput]: 400,
  [DomainErrorCode.RoleNotPermitted]: 403,
  [DomainErrorCode.NotCaseParticipant]: 403,
  [DomainErrorCode.AgencyMismatch]: 403,
  [DomainErrorCode.CaseNotFound]: 404,
  [DomainErrorCode.StageTransitionNotAllowed]: 409,
  [DomainErrorCode.VersionConflict]: 409,
  [DomainErrorCode.CaseClosed]: 409,
  [DomainErrorCode.CaseAlreadyExists]: 409,
  [DomainErrorCode.PolicyVersionExists]: 409,
  [DomainErrorCode.LegalReviewNotApproved]: 409,
  [DomainErrorCode.NoticeNotClosed]: 409,
  [DomainErrorCode.TwoCertifiedHandlersRequired]: 422,
  [DomainErrorCode.FourEyesViolation]: 422,
  [DomainErrorCode.CollectiveDiscussionRequired]: 409,
  [DomainErrorCode.TransferAlreadyStarted]: 409,
  [DomainErrorCode.EnforcementPremature]: 409,
  [DomainErrorCode.LimitationPeriodExpired]: 422,
  [DomainErrorCode.ExtensionNotAllowed]: 422,
  [DomainErrorCode.HearingNotAvailable]: 422,
  [DomainErrorCode.PenaltyIncreasedAfterDefence]: 422,
  [ApiErrorCode.Unauthenticated]: 401,
  [ApiErrorCode.RouteNotFound]: 404,
  [ApiErrorCode.PayloadTooLarge]: 413,
  [ApiErrorCode.MalformedBody]: 400,
  [ApiErrorCode.WorkflowServiceUnavailable]: 503,
  [ApiErrorCode.IdempotencyKeyReused]: 422,
  [ApiErrorCode.IdempotencyRequestInProgress]: 409,
  [ApiErrorCode.Internal]: 500,
};

/** An error the API raises itself; the problem-details filter turns it into a response. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}
