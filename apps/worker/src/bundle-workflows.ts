import { join } from 'node:path';
import { writeWorkflowBundle } from '@docket/worker-runtime';

/** Build step: writes dist/workflow-bundle.js for production workers. Fails loudly. */
const outputPath = process.argv[2] ?? join(__dirname, 'workflow-bundle.js');

writeWorkflowBundle(outputPath).then(
  () => console.log(`workflow bundle written to ${outputPath}`),
  (error: unknown) => {
    console.error('workflow bundle failed:', error);
    process.exit(1);
  },
);
