import { cpus } from 'node:os';

/** What one run measures and at what size; full sizes are the issue's, `--quick` a smoke run. */
export interface BenchOptions {
  readonly quick: boolean;
  readonly scenarios: ReadonlySet<ScenarioName>;
  /** Lifecycle throughput: full cases run at once, through Docket and bare. */
  readonly lifecycleCases: number;
  /** Action latency: concurrent users, and timed actions at each level. */
  readonly latencyLevels: readonly number[];
  readonly latencySamples: number;
  /** Replay throughput: full-lifecycle histories replayed, and replay workers side by side. */
  readonly replayHistories: number;
  readonly replayWorkers: number;
  /** Scale: open cases waiting on timers; projection rows seeded directly (0: no seed). */
  readonly openCases: number;
  readonly seedRows: number;
  /** Timed requests per inbox or search query. */
  readonly querySamples: number;
  /** Start-up: cold and warm starts of each. */
  readonly startupRuns: number;
}

export const SCENARIOS = ['startup', 'lifecycle', 'latency', 'replay', 'scale'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

const USAGE = `usage: npm run bench -- [--quick] [--scenarios=${SCENARIOS.join(',')}]
  [--cases=N] [--latency-levels=1,10,50] [--latency-samples=N] [--replay-histories=N] [--replay-workers=N]
  [--open-cases=N] [--seed-rows=N | --no-seed] [--query-samples=N] [--startup-runs=N]
Each flag may also be given as an environment variable: BENCH_CASES, BENCH_OPEN_CASES, BENCH_SEED_ROWS, …`;

function positive(name: string, raw: string, allowZero = false): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < (allowZero ? 0 : 1)) {
    throw new Error(`--${name}: expected a ${allowZero ? 'non-negative' : 'positive'} integer, got "${raw}"\n${USAGE}`);
  }
  return value;
}

export function parseOptions(argv: readonly string[], env: NodeJS.ProcessEnv): BenchOptions {
  const flags = new Map<string, string>();
  for (const arg of argv) {
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (match?.[1] === undefined) {
      throw new Error(`unknown argument "${arg}"\n${USAGE}`);
    }
    flags.set(match[1], match[2] ?? 'true');
  }
  const known = new Set(['quick', 'scenarios', 'cases', 'latency-levels', 'latency-samples', 'replay-histories', 'replay-workers', 'open-cases', 'seed-rows', 'no-seed', 'query-samples', 'startup-runs', 'help']);
  for (const name of flags.keys()) {
    if (!known.has(name)) {
      throw new Error(`unknown flag --${name}\n${USAGE}`);
    }
  }
  if (flags.has('help')) {
    throw new Error(USAGE);
  }
  const quick = flags.has('quick') || env['BENCH_QUICK'] === '1';
  const value = (name: string): string | undefined => flags.get(name) ?? env[`BENCH_${name.toUpperCase().replace(/-/g, '_')}`];
  const number = (name: string, full: number, smoke: number, allowZero = false): number => {
    const raw = value(name);
    return raw === undefined ? (quick ? smoke : full) : positive(name, raw, allowZero);
  };
  const scenarios = (value('scenarios') ?? SCENARIOS.join(',')).split(',').map((name) => name.trim());
  for (const name of scenarios) {
    if (!(SCENARIOS as readonly string[]).includes(name)) {
      throw new Error(`--scenarios: unknown scenario "${name}"\n${USAGE}`);
    }
  }
  const levels = (value('latency-levels') ?? '1,10,50').split(',').map((level) => positive('latency-levels', level));
  return {
    quick,
    scenarios: new Set(scenarios as ScenarioName[]),
    lifecycleCases: number('cases', 200, 10),
    latencyLevels: levels,
    latencySamples: number('latency-samples', 500, 50),
    replayHistories: number('replay-histories', 1000, 20),
    replayWorkers: number('replay-workers', cpus().length, cpus().length),
    openCases: number('open-cases', 10_000, 200),
    seedRows: flags.has('no-seed') ? 0 : number('seed-rows', 1_000_000, 20_000, true),
    querySamples: number('query-samples', 30, 5),
    startupRuns: number('startup-runs', 3, 1),
  };
}
