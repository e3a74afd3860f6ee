import { readFile, readdir } from 'node:fs/promises';

/** CPU seconds (user + system) spent by each part of the stack, and by the whole machine. */
export type CpuSeconds = Readonly<Record<string, number>>;

/** Which processes are whose: Docket's own by pid, the servers by command name. */
export interface CpuParts {
  readonly api?: number | undefined;
  readonly worker?: number | undefined;
}

const TICKS_PER_SECOND = 100; // USER_HZ: 100 on every Linux the benchmark runs on.

interface ProcStat {
  readonly pid: number;
  readonly comm: string;
  /** utime + stime + cutime + cstime, in ticks: a server's exited children (Postgres backends) count too. */
  readonly ticks: number;
}

async function procStat(pid: number): Promise<ProcStat | undefined> {
  try {
    const text = await readFile(`/proc/${pid}/stat`, 'utf8');
    // The command sits in parentheses and may hold spaces; the fields after it are space-separated.
    const close = text.lastIndexOf(')');
    const comm = text.slice(text.indexOf('(') + 1, close);
    const fields = text.slice(close + 2).split(' ');
    // After the command: state(0) ppid(1) … utime(11) stime(12) cutime(13) cstime(14).
    const ticks = [11, 12, 13, 14].reduce((sum, index) => sum + Number(fields[index] ?? 0), 0);
    return { pid, comm, ticks };
  } catch {
    return undefined; // gone between the listing and the read
  }
}

/** The machine's busy ticks, and those the hypervisor gave to other guests (steal), from /proc/stat. */
async function machineTicks(): Promise<{ busy: number; steal: number }> {
  const first = (await readFile('/proc/stat', 'utf8')).split('\n')[0] ?? '';
  // cpu user nice system idle iowait irq softirq steal guest guest_nice: guest time is inside user.
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = first.trim().split(/\s+/).slice(1).map(Number);
  return { busy: user + nice + system + irq + softirq, steal };
}

/**
 * A snapshot of CPU time by part (Linux /proc): the API, the worker, this process (the load driver
 * and the bare worker), the Temporal server, Postgres, the machine as a whole (steal apart). Differences of
 * two snapshots tell where a scenario's CPU went.
 */
export async function cpuSnapshot(parts: CpuParts): Promise<CpuSeconds> {
  const pids = (await readdir('/proc')).filter((name) => /^\d+$/.test(name)).map(Number);
  const stats = (await Promise.all(pids.map(procStat))).filter((stat): stat is ProcStat => stat !== undefined);
  const sums: Record<string, number> = { api: 0, worker: 0, bench: 0, temporal: 0, postgres: 0, machine: 0 };
  for (const stat of stats) {
    const part =
      stat.pid === parts.api ? 'api'
      : stat.pid === parts.worker ? 'worker'
      : stat.pid === process.pid ? 'bench'
      : stat.comm === 'temporal' ? 'temporal'
      : stat.comm === 'postgres' ? 'postgres'
      : undefined;
    if (part !== undefined) {
      sums[part] = (sums[part] ?? 0) + stat.ticks / TICKS_PER_SECOND;
    }
  }
  const machine = await machineTicks();
  sums['machine'] = machine.busy / TICKS_PER_SECOND;
  // On a virtual machine, time the host ran other guests while ours wanted the cores: not ours,
  // but it stretches every wall-clock figure of the run.
  sums['steal'] = machine.steal / TICKS_PER_SECOND;
  return sums;
}

/** CPU seconds per unit of work between two snapshots, by part (rounded to milliseconds). */
export function cpuPer(before: CpuSeconds, after: CpuSeconds, units: number): CpuSeconds {
  const per: Record<string, number> = {};
  for (const [part, value] of Object.entries(after)) {
    per[part] = Math.round(((value - (before[part] ?? 0)) / units) * 1000) / 1000;
  }
  return per;
}
