import { CASE_COMMAND_TYPES, DomainError, DomainErrorCode, type CaseCommandType } from '@docket/domain';

/** A lifecycle step as URLs name it: `decide_legal_review` is `decide-legal-review`. */
export function toActionName(type: string): string {
  return type.replace(/_/g, '-');
}

/** The step a URL names; an unknown name is 400 naming the `action` path parameter. */
export function toCommandType(action: string): CaseCommandType {
  const type = action.replace(/-/g, '_');
  if (!(CASE_COMMAND_TYPES as readonly string[]).includes(type)) {
    throw new DomainError(DomainErrorCode.InvalidInput, `action: no step named ${action}`, 'action');
  }
  return type as CaseCommandType;
}
