import { bundleWorkflowCode } from '@temporalio/worker';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { workflowsPath } from './case-worker';

/** Writes the prebuilt workflow bundle that production workers load. */
export async function writeWorkflowBundle(outputPath: string): Promise<void> {
  const { code } = await bundleWorkflowCode({ workflowsPath: workflowsPath() });
  await mkdir(dirname(outputPath), { recursive: true });
  await writeFile(outputPath, code);
}
