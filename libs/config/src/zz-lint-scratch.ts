import { DomainError } from '@docket/domain';
export const scratch = DomainError;
