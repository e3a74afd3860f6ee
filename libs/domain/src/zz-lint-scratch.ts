import { DEFAULT_CASE_TASK_QUEUE } from '@docket/contracts';
import { sleep } from '@temporalio/workflow';
import type { Repository } from 'typeorm';
import { join } from 'path';

export const scratch = [DEFAULT_CASE_TASK_QUEUE, sleep, join, process.env.X];
export type Scratch = Repository<object>;
