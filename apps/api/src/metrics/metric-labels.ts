import { COMMAND_RULES, type CaseCommandType } from '@docket/domain';
import type { CaseActionOutcome } from './api-metrics';

/** The label of a request no route matched: its raw path could be anything a caller typed. */
export const UNMATCHED_ROUTE = 'unmatched';

/** The matched route's template (`/cases/:caseId/decision`), never the raw URL, which carries ids. */
export function routeTemplate(baseUrl: string, routePath: unknown): string {
  return typeof routePath === 'string' ? `${baseUrl}${routePath}` : UNMATCHED_ROUTE;
}

/** The routes that take one named step on a case, and the step each takes. */
const STEP_ROUTES: Readonly<Record<string, CaseCommandType | 'register_case'>> = {
  '/cases': 'register_case',
  '/cases/:caseId/filing/approve': 'approve_filing',
  '/cases/:caseId/filing/decline': 'decline_filing',
  '/cases/:caseId/handlers': 'assign_handlers',
  '/cases/:caseId/investigation-report': 'submit_investigation_report',
  '/cases/:caseId/legal-review': 'decide_legal_review',
  '/cases/:caseId/notice/close': 'close_notice',
  '/cases/:caseId/decision': 'decide_case',
  '/cases/:caseId/closing': 'close_case',
};

/**
 * The case step a POST takes, or undefined when it takes none. The generic route names its step
 * in the URL; only a step the rulebook knows becomes a label, so a caller cannot invent labels.
 */
export function caseActionOf(method: string, route: string, params: Readonly<Record<string, unknown>>): string | undefined {
  if (method !== 'POST') {
    return undefined;
  }
  if (route === '/cases/:caseId/actions/:action') {
    const action = params['action'];
    const type = typeof action === 'string' ? action.replace(/-/g, '_') : '';
    return Object.prototype.hasOwnProperty.call(COMMAND_RULES, type) ? type : 'unknown';
  }
  return STEP_ROUTES[route];
}

export function actionOutcome(status: number): CaseActionOutcome {
  return status >= 500 ? 'failed' : status >= 400 ? 'refused' : 'accepted';
}
