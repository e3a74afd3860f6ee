import { bundleWorkflowCode } from '@temporalio/worker';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { failureConverterPath } from '@docket/payload-codec';
import { workflowsPath } from './case-worker';

/** Writes the prebuilt workflow bundle that production workers load. */
export async function writeWorkflowBundle(outputPath: string): Promise<void> {
  // The failure converter travels in the bundle: workflow and update failures are encoded in the sandbox.
  const { code } = await bundleWorkflowCode({ workflowsPath: workflowsPath(), failureConverterPath: failureConverterPath() });
  await mkdir(dirname(outputPath), { recursive: true });
  await writeFile(outputPath, code);
}
