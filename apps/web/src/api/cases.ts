import { api, downloadFile, newIdempotencyKey } from './http';
import { ApiProblem } from './problem';

/**
 * Typed calls for cases: search, registration, the case as it stands, the steps the caller may take,
 * attachments and transfers. Types are written from the API's DTOs (apps/api/src/cases, case-search,
 * attachments, transfers); only what the console reads is spelled out.
 */

export const CASE_STAGES = [
  'clue',
  'not_filed',
  'filed',
  'investigation',
  'suspended',
  'legal_review',
  'notice',
  'hearing',
  'collective_discussion',
  'decided',
  'service',
  'publicity',
  'execution',
  'closed',
  'archived',
] as const;
export type CaseStage = (typeof CASE_STAGES)[number];

export const CLUE_SOURCES = ['complaint', 'inspection', 'transfer', 'self_inspection'] as const;
export const PARTY_TYPES = ['individual', 'organization'] as const;
export const DECISION_OUTCOMES = ['penalty', 'no_penalty', 'not_established', 'judicial_transfer'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

export type DeadlineStatus = 'running' | 'paused' | 'met' | 'missed';

export interface Deadline {
  readonly kind: string;
  readonly startedAt: string;
  readonly dueAt: string;
  readonly warnAt?: string;
  readonly status: DeadlineStatus;
  readonly settledAt?: string;
  readonly pauses?: readonly { readonly from: string; readonly to?: string }[];
  readonly extensions?: readonly unknown[];
  readonly fallbackYears?: readonly number[];
}

export interface HandlerAssignment {
  readonly userId: string;
  readonly certificateNumber: string;
  readonly certificateExpiresAt: string;
}

export interface Party {
  readonly type: 'individual' | 'organization';
  readonly name: string;
  readonly idNumber?: string;
}

export type ViolationSeverity = 'minor' | 'ordinary' | 'serious' | 'grave';
export type PenaltyFindingStatus = 'within_range' | 'below_range' | 'above_range' | 'no_benchmark' | 'no_penalty_list_applies';

export interface FineRange {
  readonly min: number;
  readonly max: number;
}

/** The proposal against the agency's discretion benchmark, computed by the workflow when the report is submitted. */
export interface PenaltyFinding {
  readonly status: PenaltyFindingStatus;
  readonly range?: FineRange;
  readonly message: string;
}

export interface LegalReviewGround {
  readonly code: string;
  readonly basis: string;
  readonly detail?: string;
}

export interface InvestigationReport {
  readonly findings: string;
  readonly proposedOutcome: DecisionOutcome;
  readonly proposedFine?: number;
  readonly severity: ViolationSeverity;
  readonly heavyNonFinePenalty: boolean;
  readonly touchesMajorPublicInterest: boolean;
  readonly complexMultipleLegalRelations: boolean;
  readonly otherStatutoryReviewGround?: string;
  readonly submittedBy: string;
  readonly submittedAt: string;
  readonly legalReview: { readonly required: boolean; readonly grounds: readonly LegalReviewGround[] };
  readonly collectiveDiscussionRequired: boolean;
  readonly hearingEligible: boolean;
  readonly firstViolation: boolean;
  readonly promptlyCorrected: boolean;
  readonly benchmarkFinding?: PenaltyFinding;
}

export type LegalReviewOutcome = 'approved' | 'returned' | 'revision_requested' | 'disapproved';

export interface LegalReviewRecord {
  readonly outcome: LegalReviewOutcome;
  readonly reviewerId: string;
  readonly opinion: string;
  readonly decidedAt: string;
}

export interface CaseState {
  readonly caseId: string;
  readonly agencyId: string;
  readonly stage: CaseStage;
  readonly version: number;
  readonly policyVersion?: string;
  readonly registeredAt: string;
  readonly registeredBy?: { readonly userId: string; readonly role: string };
  readonly caseNumber?: string;
  readonly clue: {
    readonly source: string;
    readonly summary: string;
    readonly violationCode?: string;
    readonly party: Party;
    readonly violationEndedAt?: string;
    readonly touchesLifeHealthOrFinance?: boolean;
  };
  readonly filing?: { readonly filed: boolean; readonly decidedBy: string; readonly decidedAt: string; readonly reason: string };
  readonly handlers: readonly HandlerAssignment[];
  readonly suspensions?: readonly { readonly from: string; readonly to?: string; readonly reason: string; readonly fromStage: string }[];
  readonly recusals?: readonly { readonly handlerId: string; readonly reason: string; readonly requestedAt: string; readonly decision?: string }[];
  readonly report?: InvestigationReport;
  readonly reviews: readonly LegalReviewRecord[];
  readonly notice?: { readonly openedAt: string; readonly hearingRequestDueAt: string; readonly closedAt?: string; readonly closure?: string };
  readonly hearing?: { readonly requestedAt: string; readonly officerId?: string; readonly scheduledFor?: string; readonly recordedAt?: string; readonly outcome?: string };
  readonly collectiveDiscussion?: { readonly heldAt: string; readonly recordedBy: string; readonly participants: readonly string[] };
  readonly decision?: {
    readonly outcome: DecisionOutcome;
    readonly fine?: number;
    readonly reasoning: string;
    readonly publish: boolean;
    readonly decidedBy: string;
    readonly decidedAt: string;
  };
  readonly service?: { readonly servedAt: string; readonly method: string; readonly recordedBy: string };
  readonly publicity?: { readonly publishedAt?: string; readonly withdrawnAt?: string };
  readonly execution?: { readonly fine: number; readonly payments: readonly { readonly amount: number; readonly paidAt: string }[]; readonly completedAt?: string };
  readonly closing?: { readonly closedBy: string; readonly closedAt: string; readonly summary: string };
  readonly archive?: { readonly archivedAt: string; readonly archivedBy: string; readonly important: boolean };
  readonly transfers?: readonly { readonly kind: string; readonly startedAt: string; readonly startedBy: string; readonly closedAt?: string; readonly outcome?: string }[];
  readonly deadlines: readonly Deadline[];
  readonly hearingOfficer?: string;
}

export interface CaseSummary {
  readonly caseId: string;
  readonly caseNumber: string | null;
  readonly agencyId: string;
  readonly stage: CaseStage;
  readonly violationCode: string | null;
  readonly party: { readonly type: string; readonly name: string };
  readonly registeredAt: string;
  readonly filedAt: string | null;
  readonly decidedAt: string | null;
  readonly overdue: boolean;
  readonly handlers: readonly string[];
  readonly reviewer: string | null;
}

export interface CaseSearchPage {
  readonly items: readonly CaseSummary[];
  readonly nextCursor: string | null;
}

export interface CaseSearchFilters {
  readonly stage?: string;
  readonly agency?: string;
  readonly overdue?: 'true' | 'false' | '';
  readonly q?: string;
  readonly handler?: string;
  readonly sort?: string;
}

export const CASE_PAGE_SIZE = 20;

export function searchCases(
  filters: CaseSearchFilters,
  cursor: string | undefined,
  signal?: AbortSignal,
  limit: number = CASE_PAGE_SIZE,
): Promise<CaseSearchPage> {
  return api<CaseSearchPage>('/cases', {
    query: { ...filters, limit, cursor },
    ...(signal === undefined ? {} : { signal }),
  });
}

export function getCase(caseId: string, signal?: AbortSignal): Promise<CaseState> {
  return api<CaseState>(`/cases/${encodeURIComponent(caseId)}`, signal === undefined ? {} : { signal });
}

/** The steps the caller may take now, named as the action routes name them (`close-notice`). */
export function getAvailableActions(caseId: string, signal?: AbortSignal): Promise<readonly string[]> {
  return api<string[]>(`/cases/${encodeURIComponent(caseId)}/actions`, signal === undefined ? {} : { signal });
}

export function registerCase(body: Record<string, unknown>, idempotencyKey: string): Promise<CaseState> {
  return api<CaseState>('/cases', { method: 'POST', body, idempotencyKey });
}

/** Takes a step: `route` is the path under the case, e.g. `decision` or `actions/record-service`. */
export function takeCaseAction(caseId: string, route: string, body: Record<string, unknown>, idempotencyKey: string): Promise<CaseState> {
  return api<CaseState>(`/cases/${encodeURIComponent(caseId)}/${route}`, { method: 'POST', body, idempotencyKey });
}

// ── attachments ────────────────────────────────────────────────────────────────────────────

export const ATTACHMENT_CATEGORIES = ['evidence', 'document', 'photo', 'audio_video', 'other'] as const;

export interface Attachment {
  readonly attachmentId: string;
  readonly caseId: string;
  readonly filename: string;
  readonly contentType: string;
  readonly sizeBytes: number;
  readonly sha256: string;
  readonly category: string;
  readonly description?: string;
  readonly uploadedBy: { readonly userId: string; readonly role: string };
  readonly uploadedAt: string;
}

export function listAttachments(caseId: string, signal?: AbortSignal): Promise<readonly Attachment[]> {
  return api<Attachment[]>(`/cases/${encodeURIComponent(caseId)}/attachments`, signal === undefined ? {} : { signal });
}

/**
 * The content types the API accepts (ATTACHMENT_CONTENT_TYPES), by file extension. Browsers leave the
 * type of an .ofd file empty and name some audio types their own way; the API checks the bytes
 * against the declared type, so the declared type must be the one it knows.
 */
const TYPE_BY_EXTENSION: Readonly<Record<string, string>> = {
  pdf: 'application/pdf',
  ofd: 'application/ofd',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  mp4: 'video/mp4',
  m4a: 'audio/mp4',
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
};

export const ACCEPTED_EXTENSIONS = Object.keys(TYPE_BY_EXTENSION).map((extension) => `.${extension}`);

/** The declared type to send for a file, or undefined when the API takes no file of that kind. */
export function declaredTypeOf(filename: string): string | undefined {
  const dot = filename.lastIndexOf('.');
  return dot < 0 ? undefined : TYPE_BY_EXTENSION[filename.slice(dot + 1).toLowerCase()];
}

export function uploadAttachment(
  caseId: string,
  file: File,
  declaredType: string,
  fields: { readonly category: string; readonly description: string },
  idempotencyKey: string,
): Promise<Attachment> {
  const form = new FormData();
  form.set('category', fields.category);
  if (fields.description.trim() !== '') {
    form.set('description', fields.description.trim());
  }
  // The part's Content-Type is the Blob's type: re-wrap so that an .ofd goes as application/ofd.
  form.set('file', new Blob([file], { type: declaredType }), file.name);
  return api<Attachment>(`/cases/${encodeURIComponent(caseId)}/attachments`, { method: 'POST', body: form, idempotencyKey });
}

/** Downloads an attachment as the file it was uploaded as. */
export function downloadAttachment(attachment: Attachment): Promise<void> {
  return downloadFile(`/cases/${encodeURIComponent(attachment.caseId)}/attachments/${encodeURIComponent(attachment.attachmentId)}`, attachment.filename);
}

// ── transfers ──────────────────────────────────────────────────────────────────────────────

export const TRANSFER_KINDS = ['clue-transfer', 'judicial-transfer'] as const;
export type TransferKindName = (typeof TRANSFER_KINDS)[number];

export interface TransferState {
  readonly transferId: string;
  readonly kind: string;
  readonly status: string;
  readonly version: number;
  readonly startedAt: string;
  readonly startedBy: { readonly userId: string; readonly role: string };
  readonly closedAt?: string;
  readonly clocks: readonly { readonly kind: string; readonly dueAt: string; readonly status: string }[];
}

/** A transfer of the case, or null when the case has none of that kind (404). */
export async function getTransfer(caseId: string, kind: TransferKindName, signal?: AbortSignal): Promise<TransferState | null> {
  try {
    return await api<TransferState>(`/cases/${encodeURIComponent(caseId)}/transfers/${kind}`, signal === undefined ? {} : { signal });
  } catch (error) {
    if (error instanceof ApiProblem && error.status === 404) {
      return null;
    }
    throw error;
  }
}

export { newIdempotencyKey };
