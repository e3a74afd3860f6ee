import { DomainError, DomainErrorCode, Role, isFinalStage, type Actor, type CaseState } from '@docket/domain';

/** What an attachment is to the case. */
export const ATTACHMENT_CATEGORIES = [
  /** 证据 */
  'evidence',
  /** 执法文书 */
  'document',
  /** 现场照片 */
  'photo',
  /** 音像记录 (执法全过程记录, APL 47) */
  'audio_video',
  'other',
] as const;

export type AttachmentCategory = (typeof ATTACHMENT_CATEGORIES)[number];

/**
 * Who may add to a case's file: the handlers assigned to it, the handler who registered it (the
 * clue's own documents arrive before anyone is assigned), and the agency's heads; and only while
 * the case still runs. The caller has already checked the actor may read the case.
 */
export function assertMayAttach(state: CaseState, actor: Actor): void {
  if (actor.agencyId !== state.agencyId) {
    throw new DomainError(DomainErrorCode.AgencyMismatch, 'only the case’s own agency adds documents to it');
  }
  const participant =
    actor.role === Role.Head ||
    (actor.role === Role.Handler &&
      (state.handlers.some((handler) => handler.userId === actor.userId) || state.registeredBy.userId === actor.userId));
  if (!participant) {
    throw new DomainError(DomainErrorCode.NotCaseParticipant, 'only a handler of the case or the agency’s head adds documents to it');
  }
  if (isFinalStage(state.stage)) {
    throw new DomainError(DomainErrorCode.CaseClosed, `the case is ${state.stage}; nothing more can be added to it`);
  }
}
