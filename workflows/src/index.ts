export { caseLifecycle } from './case-lifecycle.workflow';
