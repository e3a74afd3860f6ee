import { CaseWorkerService } from '@docket/worker/dist/case-worker.service';
import { startLocalStack } from '@docket/dev-infra';
export const scratch = [CaseWorkerService, startLocalStack];
