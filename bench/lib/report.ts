import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LatencyResult } from '../scenarios/action-latency';
import type { LifecycleResult } from '../scenarios/lifecycle-throughput';
import type { ReplayResult } from '../scenarios/replay-throughput';
import type { ScaleResult } from '../scenarios/scale';
import type { StartupResult } from '../scenarios/startup';
import { REPO_ROOT, type MachineDetails } from './machine';
import type { BenchOptions } from './options';

export interface BenchResults {
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly quick: boolean;
  readonly options: Omit<BenchOptions, 'scenarios'> & { readonly scenarios: readonly string[] };
  readonly machine: MachineDetails;
  readonly loadAverageAtEnd: readonly number[];
  readonly startup?: StartupResult;
  readonly lifecycle?: LifecycleResult;
  readonly latency?: LatencyResult;
  readonly replay?: ReplayResult;
  readonly scale?: ScaleResult;
  readonly targets: readonly TargetCheck[];
}

export interface TargetCheck {
  readonly target: string;
  readonly measured: string;
  /** undefined: the scenario did not run, or ran at a smaller size than the target names. */
  readonly met: boolean | undefined;
}

const GIB_MIB = 1024;

/** Each target of issue 6 against what this run measured. */
export function checkTargets(results: Omit<BenchResults, 'targets'>): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const { lifecycle, latency, replay, scale } = results;
  checks.push({
    target: 'lifecycle throughput ≥ 0.8 × bare Temporal',
    measured: lifecycle === undefined ? 'not run' : `${lifecycle.ratio} (${lifecycle.docket.casesPerSecond} vs ${lifecycle.bare.casesPerSecond} cases/s)`,
    met: lifecycle === undefined ? undefined : lifecycle.ratio >= 0.8,
  });
  const atTen = latency?.levels.find((level) => level.users === 10);
  checks.push({
    target: 'action p99 at 10 users ≤ 50 ms',
    measured: atTen === undefined ? 'not run' : `${atTen.docket.p99} ms`,
    met: atTen === undefined ? undefined : atTen.docket.p99 <= 50,
  });
  checks.push({
    target: 'action p99 at 10 users ≤ 2 × raw update p99',
    measured: atTen === undefined ? 'not run' : `${atTen.docket.p99} vs 2 × ${atTen.raw.p99} ms`,
    met: atTen === undefined ? undefined : atTen.docket.p99 <= 2 * atTen.raw.p99,
  });
  checks.push({
    target: 'replay ≥ 200 full-lifecycle histories/s',
    measured: replay === undefined ? 'not run' : `${replay.historiesPerSecond}/s (${replay.replayWorkers} replay workers)`,
    met: replay === undefined ? undefined : replay.historiesPerSecond >= 200,
  });
  const fullScale = scale !== undefined && scale.openCases >= 10_000;
  checks.push({
    target: 'worker < 1 GiB resident at 10,000 open cases',
    measured: scale === undefined ? 'not run' : `${scale.memory.worker.rssMiB} MiB at ${scale.openCases} open cases`,
    met: scale === undefined || !fullScale ? undefined : scale.memory.worker.rssMiB < GIB_MIB,
  });
  const seeded = scale?.seed;
  const slowest = seeded?.queries.reduce((worst, query) => (query.ms.p95 > worst.ms.p95 ? query : worst));
  checks.push({
    target: 'inbox and search < 100 ms (p95) at 1,000,000 rows',
    measured: seeded === undefined || slowest === undefined ? 'not run' : `slowest p95 ${slowest.ms.p95} ms (${slowest.name}) at ${seeded.projectionRows} rows`,
    met: seeded === undefined || slowest === undefined || seeded.projectionRows < 1_000_000 ? undefined : slowest.ms.p95 < 100,
  });
  return checks;
}

const verdict = (met: boolean | undefined): string => (met === undefined ? '—' : met ? 'met' : '**missed**');

/** The Markdown tables a run prints and docs/benchmarks.md carries. */
export function markdown(results: BenchResults): string {
  const m = results.machine;
  const lines: string[] = [];
  lines.push(
    `Run ${results.startedAt} (${results.quick ? 'quick smoke run, not results' : 'full sizes'}), commit \`${m.gitCommit.slice(0, 12)}\`${m.gitDirty ? ' + uncommitted changes' : ''}.`,
    `${m.cores} × ${m.cpuModel}, ${m.memoryGiB} GiB, ${m.os}; Node ${m.node}, Temporal SDK ${m.temporalSdk}, Temporal CLI ${m.temporalCli}; ${m.postgres.split(' on ')[0] ?? m.postgres}.`,
    `Load average at start ${m.loadAverageAtStart.join(' / ')}, at end ${results.loadAverageAtEnd.join(' / ')}.`,
    '',
    '| target | measured | verdict |',
    '| --- | --- | --- |',
    ...results.targets.map((check) => `| ${check.target} | ${check.measured} | ${verdict(check.met)} |`),
  );
  if (results.lifecycle !== undefined) {
    const { docket, bare, plan, concurrentCases } = results.lifecycle;
    lines.push(
      '',
      `**Lifecycle throughput**: ${concurrentCases} cases at once; each ${plan.updates} updates and ${plan.activities} activities.`,
      '',
      '| | cases/s | seconds | per case p50 ms | per case p95 ms |',
      '| --- | ---: | ---: | ---: | ---: |',
      `| Docket over HTTP | ${docket.casesPerSecond} | ${docket.seconds} | ${docket.perCaseMs.p50} | ${docket.perCaseMs.p95} |`,
      `| bare Temporal, raw client | ${bare.casesPerSecond} | ${bare.seconds} | ${bare.perCaseMs.p50} | ${bare.perCaseMs.p95} |`,
    );
    if (docket.cpuPerCase !== undefined && bare.cpuPerCase !== undefined) {
      const parts = ['api', 'worker', 'bench', 'temporal', 'postgres', 'machine', 'steal'] as const;
      const cells = (cpu: Readonly<Record<string, number>>): string => parts.map((part) => String(cpu[part] ?? 0)).join(' | ');
      lines.push(
        '',
        'CPU seconds per case, by process (`bench` is the load driver, and for bare Temporal also its worker; `machine` is every process; `steal` is time the virtual machine\'s host gave to other guests):',
        '',
        `| | ${parts.join(' | ')} |`,
        `| --- | ${parts.map(() => '---:').join(' | ')} |`,
        `| Docket | ${cells(docket.cpuPerCase)} |`,
        `| bare Temporal | ${cells(bare.cpuPerCase)} |`,
      );
    }
  }
  if (results.latency !== undefined) {
    lines.push('', `**Action latency** (ms): ${results.latency.action}, against the raw client's update to the bare workflow.`, '');
    lines.push('| users | Docket p50 | p95 | p99 | raw update p50 | p95 | p99 | samples |', '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const level of results.latency.levels) {
      lines.push(
        `| ${level.users} | ${level.docket.p50} | ${level.docket.p95} | ${level.docket.p99} | ${level.raw.p50} | ${level.raw.p95} | ${level.raw.p99} | ${level.docket.count} |`,
      );
    }
  }
  if (results.replay !== undefined) {
    const r = results.replay;
    lines.push(
      '',
      `**Replay**: \`${r.history}\` (${r.eventsPerHistory} events) × ${r.histories}, ${r.replayWorkers} replay workers: ` +
        `${r.historiesPerSecond} histories/s, ${r.eventsPerSecond} events/s.`,
    );
  }
  if (results.scale !== undefined) {
    const s = results.scale;
    lines.push(
      '',
      `**Scale**: ${s.openCases} open cases (${s.pendingTimersPerCase} pending timers each; ${s.registered.cases} registered at ${s.registered.perSecond}/s): ` +
        `worker ${s.memory.worker.rssMiB} MiB resident (peak ${s.memory.worker.peakRssMiB}), API ${s.memory.api.rssMiB} MiB (peak ${s.memory.api.peakRssMiB}).`,
      '',
      '| size | query | request | items | p50 ms | p95 ms |',
      '| --- | --- | --- | ---: | ---: | ---: |',
      ...s.atOpenCases.map((q) => `| ${s.openCases} open cases | ${q.name} | \`${q.request}\` | ${q.items} | ${q.ms.p50} | ${q.ms.p95} |`),
      ...(s.seed?.queries ?? []).map((q) => `| ${s.seed?.projectionRows ?? 0} rows | ${q.name} | \`${q.request}\` | ${q.items} | ${q.ms.p50} | ${q.ms.p95} |`),
    );
    if (s.seed !== undefined) {
      lines.push('', `Seed: ${s.seed.rows} cases loaded in ${s.seed.loadSeconds} s, ${s.seed.workItems} inbox rows in ${s.seed.workItemSeconds} s.`);
    }
  }
  if (results.startup !== undefined) {
    const s = results.startup;
    lines.push('', `**Start-up** (${s.command}) to the first accepted POST /cases: cold ${s.coldSeconds} s, warm ${s.warmSeconds} s (median of ${s.runs.length / 2}).`);
  }
  return lines.join('\n');
}

const START = '<!-- bench:results:start -->';
const END = '<!-- bench:results:end -->';

/**
 * Writes the JSON under bench/results/ (a smoke run under bench/results/tmp/, git-ignored) and, for
 * a full run of every scenario, latest.json and the table between the markers in docs/benchmarks.md.
 */
export async function writeResults(results: BenchResults, complete: boolean): Promise<string> {
  const stamp = results.startedAt.replace(/[:.]/g, '-');
  const dir = join(REPO_ROOT, 'bench/results', results.quick ? 'tmp' : '');
  await mkdir(dir, { recursive: true });
  const json = `${JSON.stringify(results, null, 2)}\n`;
  const file = join(dir, `${stamp}.json`);
  await writeFile(file, json);
  if (!results.quick && complete) {
    await writeFile(join(REPO_ROOT, 'bench/results/latest.json'), json);
    const docsPath = join(REPO_ROOT, 'docs/benchmarks.md');
    const docs = await readFile(docsPath, 'utf8');
    const start = docs.indexOf(START);
    const end = docs.indexOf(END);
    if (start < 0 || end < start) {
      throw new Error(`docs/benchmarks.md lacks the ${START} … ${END} markers`);
    }
    await writeFile(docsPath, `${docs.slice(0, start + START.length)}\n${markdown(results)}\n${docs.slice(end)}`);
  }
  return file;
}
