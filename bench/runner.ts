// Docket against bare Temporal on one machine (issue 6). `npm run bench` builds, type-checks bench/
// and runs this file; docs/benchmarks.md says what each scenario measures. Progress goes to stderr,
// the result tables to stdout, the JSON to bench/results/.
import { loadavg } from 'node:os';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { actionLatency } from './scenarios/action-latency';
import { lifecycleThroughput } from './scenarios/lifecycle-throughput';
import { replayThroughput } from './scenarios/replay-throughput';
import { scale } from './scenarios/scale';
import { startup } from './scenarios/startup';
import { machineDetails } from './lib/machine';
import { SCENARIOS, parseOptions } from './lib/options';
import { checkTargets, markdown, writeResults, type BenchResults } from './lib/report';
import { startBenchStack } from './lib/stack';

const log = (line: string): void => {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
};

async function main(): Promise<void> {
  // The SDK's workers (bare, replay) log every state change at INFO; warnings and errors are enough here.
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const options = parseOptions(process.argv.slice(2), process.env);
  const startedAt = new Date().toISOString();
  log(`${options.quick ? 'quick smoke run' : 'full run'}: ${[...options.scenarios].join(', ')}`);
  const { scenarios, ...sizes } = options;
  const has = (name: (typeof SCENARIOS)[number]): boolean => scenarios.has(name);

  // Start-up first, before the shared stack exists: it starts servers of its own.
  const startupResult = has('startup') ? await startup(options.startupRuns, log) : undefined;

  const stack = await startBenchStack(log);
  let results: Omit<BenchResults, 'targets' | 'finishedAt' | 'loadAverageAtEnd'>;
  try {
    const machine = await machineDetails(stack.local.databaseUrl);
    const lifecycle = has('lifecycle') ? await lifecycleThroughput(stack, options.lifecycleCases, log) : undefined;
    const latency = has('latency') ? await actionLatency(stack, options.latencyLevels, options.latencySamples, log) : undefined;
    const replay = has('replay') ? await replayThroughput(options.replayHistories, options.replayWorkers, log) : undefined;
    // Last: it leaves thousands of open cases and, with the seed, a million rows behind.
    const scaleResult = has('scale') ? await scale(stack, options.openCases, options.seedRows, options.querySamples, log) : undefined;
    results = {
      startedAt,
      quick: options.quick,
      options: { ...sizes, scenarios: [...scenarios] },
      machine,
      ...(startupResult === undefined ? {} : { startup: startupResult }),
      ...(lifecycle === undefined ? {} : { lifecycle }),
      ...(latency === undefined ? {} : { latency }),
      ...(replay === undefined ? {} : { replay }),
      ...(scaleResult === undefined ? {} : { scale: scaleResult }),
    };
  } finally {
    await stack.stop();
  }
  const finished = { ...results, finishedAt: new Date().toISOString(), loadAverageAtEnd: loadavg().map((value) => Math.round(value * 100) / 100) };
  const complete: BenchResults = { ...finished, targets: checkTargets(finished) };
  const file = await writeResults(complete, scenarios.size === SCENARIOS.length);
  process.stdout.write(`${markdown(complete)}\n`);
  log(`results: ${file}${options.quick ? ' (smoke run: docs/benchmarks.md and latest.json left alone)' : ''}`);
}

main().then(
  // The SDK's native runtime keeps the event loop alive after the workers stop.
  () => process.exit(),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
