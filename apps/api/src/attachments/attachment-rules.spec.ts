import { DomainError, type Actor, type CaseState } from '@docket/domain';
import { assertMayAttach } from './attachment-rules';

const AGENCY = 'sh-pudong-amr';
const li: Actor = { userId: 'handler-li', role: 'handler', agencyId: AGENCY };
const chen: Actor = { userId: 'handler-chen', role: 'handler', agencyId: AGENCY };
const head: Actor = { userId: 'head-wang', role: 'head', agencyId: AGENCY };

function caseIn(stage: CaseState['stage'], handlers: readonly string[] = []): CaseState {
  return {
    caseId: '0b6f6a4e-8c1b-4d59-9a51-6d0e7d2d8a10',
    agencyId: AGENCY,
    stage,
    registeredBy: { userId: li.userId, role: li.role },
    handlers: handlers.map((userId) => ({ userId, certificateNumber: 'SH-1', certificateExpiresAt: '2099-01-01T00:00:00.000Z' })),
  } as unknown as CaseState;
}

function refusal(state: CaseState, actor: Actor): string | undefined {
  try {
    assertMayAttach(state, actor);
    return undefined;
  } catch (error) {
    if (error instanceof DomainError) {
      return error.code;
    }
    throw error;
  }
}

describe('who may add a document to a case', () => {
  it('lets the registering handler add to a clue, and the assigned handlers and head to a running case', () => {
    expect(refusal(caseIn('clue'), li)).toBeUndefined();
    expect(refusal(caseIn('clue'), chen)).toBe('NOT_CASE_PARTICIPANT');
    expect(refusal(caseIn('investigation', [chen.userId]), chen)).toBeUndefined();
    expect(refusal(caseIn('closed'), head)).toBeUndefined();
  });

  it('refuses another agency, and any addition once the case is archived or was never filed', () => {
    expect(refusal(caseIn('investigation', [li.userId]), { ...li, agencyId: 'sh-minhang-amr' })).toBe('AGENCY_MISMATCH');
    expect(refusal(caseIn('archived', [li.userId]), li)).toBe('CASE_CLOSED');
    expect(refusal(caseIn('not_filed'), head)).toBe('CASE_CLOSED');
  });
});
