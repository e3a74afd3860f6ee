import { api } from './http';

/** One entry of GET /public/decisions (行政执法公示): already redacted by the server. */
export interface PublicDecision {
  readonly agencyId: string;
  readonly caseNumber: string;
  readonly party: { readonly type: 'individual' | 'organization'; readonly name: string };
  readonly facts: string | null;
  readonly legalBasis: string;
  readonly outcome: string;
  /** Yuan. */
  readonly fine: number | null;
  readonly decidedAt: string;
  readonly publishedAt: string;
  readonly withdrawn?: { readonly at: string; readonly reason: string };
}

export interface PublicDecisionPage {
  readonly items: readonly PublicDecision[];
  readonly nextCursor: string | null;
}

export function publicDecisions(
  query: { readonly agencyId?: string; readonly cursor?: string; readonly limit?: number },
  signal?: AbortSignal,
): Promise<PublicDecisionPage> {
  return api<PublicDecisionPage>('/public/decisions', { query, ...(signal === undefined ? {} : { signal }) });
}
