import { spawn, type ChildProcess } from 'node:child_process';

export interface ManagedChild {
  readonly name: string;
  readonly process: ChildProcess;
  /** Resolves with the exit code (or signal) once the process has ended. */
  readonly exited: Promise<string>;
}

export function startNodeProcess(name: string, script: string, env: NodeJS.ProcessEnv): ManagedChild {
  // A process group of its own: the terminal's Ctrl-C reaches only this launcher, which stops
  // the children in order.
  const child = spawn(process.execPath, ['--enable-source-maps', script], { env, stdio: 'inherit', detached: true });
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => resolve(signal ?? `exit ${code ?? 0}`));
    child.once('error', (error) => resolve(`failed to start: ${error.message}`));
  });
  return { name, process: child, exited };
}

/** SIGTERM, then SIGKILL if the child has not ended within the grace period. */
export async function stopChild(child: ManagedChild, graceMs: number): Promise<void> {
  if (child.process.exitCode !== null || child.process.signalCode !== null) {
    return;
  }
  child.process.kill('SIGTERM');
  const timer = setTimeout(() => child.process.kill('SIGKILL'), graceMs);
  await child.exited;
  clearTimeout(timer);
}
