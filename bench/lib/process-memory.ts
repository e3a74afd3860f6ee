import { readFile } from 'node:fs/promises';

export interface ProcessMemory {
  /** Resident set size now (VmRSS), in MiB. */
  readonly rssMiB: number;
  /** The highest resident set size the process has had (VmHWM), in MiB. */
  readonly peakRssMiB: number;
}

/** Resident memory of a running process, from /proc/<pid>/status (Linux). */
export async function processMemory(pid: number): Promise<ProcessMemory> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string): number => {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    if (match?.[1] === undefined) {
      throw new Error(`/proc/${pid}/status has no ${field}`);
    }
    return Number(match[1]);
  };
  return { rssMiB: Math.round(kib('VmRSS') / 102.4) / 10, peakRssMiB: Math.round(kib('VmHWM') / 102.4) / 10 };
}
