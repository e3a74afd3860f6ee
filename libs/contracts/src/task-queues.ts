/** The task queue the case worker polls, unless configuration names another. */
export const DEFAULT_CASE_TASK_QUEUE = 'docket-cases';

/** The workflow type name of a case's lifecycle. */
export const CASE_LIFECYCLE_WORKFLOW_TYPE = 'caseLifecycle';

/**
 * A case's workflow id is derived from its case id, so a retried registration finds the workflow
 * the first attempt started instead of starting a second one.
 */
export function caseWorkflowId(caseId: string): string {
  return `case-${caseId}`;
}
