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
  /** The database could not be reached; nothing was changed, the request may be retried. */
  ServiceUnavailable: 'SERVICE_UNAVAILABLE',
  /** The case does not wait for that step now (done already, or not reached). */
  WorkNotPending: 'WORK_NOT_PENDING',
  /** Someone else took the work on (claimed or was assigned it). */
  WorkClaimedByOther: 'WORK_CLAIMED_BY_OTHER',
  /** The work does not wait for the caller: not their role, not their case, or four eyes. */
  WorkNotForCaller: 'WORK_NOT_FOR_CALLER',
  /** The person named to take the work on could not do it. */
  AssigneeNotEligible: 'ASSIGNEE_NOT_ELIGIBLE',
  /** An upload whose declared type is not accepted, or whose bytes are not of the type declared. */
  UnsupportedMediaType: 'UNSUPPORTED_MEDIA_TYPE',
  /** The token's user is not in Docket's registry. */
  UserNotRegistered: 'USER_NOT_REGISTERED',
  /** The registered user is deactivated. */
  UserDeactivated: 'USER_DEACTIVATED',
  /** The registry does not grant the token's role at the token's agency. */
  RoleNotGranted: 'ROLE_NOT_GRANTED',
  /** A handler acting without an enforcement certificate valid now (none, expired or revoked). */
  CertificateInvalid: 'CERTIFICATE_INVALID',
  AgencyNotFound: 'AGENCY_NOT_FOUND',
  UserNotFound: 'USER_NOT_FOUND',
  CertificateNotFound: 'CERTIFICATE_NOT_FOUND',
  /** The certificate number is recorded for another holder, or with other particulars. */
  CertificateNumberTaken: 'CERTIFICATE_NUMBER_TAKEN',
  CertificateAlreadyRevoked: 'CERTIFICATE_ALREADY_REVOKED',
  /** The agency would end up supervising itself. */
  SupervisionCycle: 'SUPERVISION_CYCLE',
  /** A handler named on a case is not a certified handler of the case's agency in the registry. */
  HandlerNotCertified: 'HANDLER_NOT_CERTIFIED',
  /** The certificate a client named for a handler is not the one the registry holds. */
  CertificateMismatch: 'CERTIFICATE_MISMATCH',
  /** A case's timeline has no state at the point asked for: before its registration, or a step it has not reached. */
  TimelinePointNotRecorded: 'TIMELINE_POINT_NOT_RECORDED',
  /** No replay job of that id started by the caller. */
  ReplayJobNotFound: 'REPLAY_JOB_NOT_FOUND',
  /** The request line or headers pass Node's limit (a huge URL or token). */
  RequestHeadersTooLarge: 'REQUEST_HEADERS_TOO_LARGE',
  /** The request is not HTTP Node can parse. */
  MalformedRequest: 'MALFORMED_REQUEST',
  /** A payload sent to the codec endpoint cannot be decrypted: its key is not held, or it was altered. */
  PayloadNotDecryptable: 'PAYLOAD_NOT_DECRYPTABLE',
  /** Local sign-in (development and tests) is not turned on in this deployment. */
  LocalSignInDisabled: 'LOCAL_SIGN_IN_DISABLED',
  /** The web console's files were not built (npm run build:web) or WEB_DIST_DIR names no build. */
  ConsoleNotBuilt: 'CONSOLE_NOT_BUILT',
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
  [DomainErrorCode.AttachmentNotFound]: 404,
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
  [ApiErrorCode.ServiceUnavailable]: 503,
  [ApiErrorCode.WorkNotPending]: 409,
  [ApiErrorCode.WorkClaimedByOther]: 409,
  [ApiErrorCode.WorkNotForCaller]: 403,
  [ApiErrorCode.AssigneeNotEligible]: 422,
  [ApiErrorCode.UnsupportedMediaType]: 415,
  [ApiErrorCode.UserNotRegistered]: 403,
  [ApiErrorCode.UserDeactivated]: 403,
  [ApiErrorCode.RoleNotGranted]: 403,
  [ApiErrorCode.CertificateInvalid]: 403,
  [ApiErrorCode.AgencyNotFound]: 404,
  [ApiErrorCode.UserNotFound]: 404,
  [ApiErrorCode.CertificateNotFound]: 404,
  [ApiErrorCode.CertificateNumberTaken]: 409,
  [ApiErrorCode.CertificateAlreadyRevoked]: 409,
  [ApiErrorCode.SupervisionCycle]: 422,
  [ApiErrorCode.HandlerNotCertified]: 422,
  [ApiErrorCode.CertificateMismatch]: 422,
  [ApiErrorCode.TimelinePointNotRecorded]: 404,
  [ApiErrorCode.ReplayJobNotFound]: 404,
  [ApiErrorCode.RequestHeadersTooLarge]: 431,
  [ApiErrorCode.MalformedRequest]: 400,
  [ApiErrorCode.PayloadNotDecryptable]: 422,
  [ApiErrorCode.LocalSignInDisabled]: 404,
  [ApiErrorCode.ConsoleNotBuilt]: 404,
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
