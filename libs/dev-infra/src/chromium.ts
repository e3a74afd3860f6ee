import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { findOnPath, isExecutable, runCommand } from './run-command';
import type { Log } from './temporal-executables';

/** Where Debian's `chromium` package puts the browser the browser tests drive. */
export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

export interface ResolvedChromium {
  readonly path: string;
  /** Where it came from, for the provisioning log. */
  readonly source: string;
}

interface PlaywrightCore {
  readonly chromium: { executablePath(): string };
}

function playwrightCore(): { module: PlaywrightCore; cli: string } | undefined {
  try {
    const require = createRequire(__filename);
    const packageJson = require.resolve('playwright-core/package.json');
    return { module: require('playwright-core') as PlaywrightCore, cli: join(dirname(packageJson), 'cli.js') };
  } catch {
    return undefined;
  }
}

/** A browser playwright-core downloaded itself earlier, if any. */
function playwrightDownload(): string | undefined {
  try {
    const path = playwrightCore()?.module.chromium.executablePath();
    return path !== undefined && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A Chromium already on this machine, without installing anything: CHROMIUM_PATH, `chromium` on
 * PATH, Debian's /usr/bin/chromium, or one playwright-core downloaded before. Used by the browser
 * tests; `npm run provision` installs one when this finds none.
 */
export async function findChromium(env: NodeJS.ProcessEnv = process.env): Promise<ResolvedChromium | undefined> {
  const explicit = env['CHROMIUM_PATH'];
  if (explicit !== undefined && explicit !== '') {
    if (!(await isExecutable(explicit))) {
      throw new Error(`CHROMIUM_PATH: ${explicit} is not an executable file`);
    }
    return { path: explicit, source: 'CHROMIUM_PATH' };
  }
  const onPath = (await findOnPath('chromium', env)) ?? (await findOnPath('chromium-browser', env));
  if (onPath !== undefined) {
    return { path: onPath, source: `PATH (${onPath})` };
  }
  if (await isExecutable(DEBIAN_CHROMIUM)) {
    return { path: DEBIAN_CHROMIUM, source: DEBIAN_CHROMIUM };
  }
  const downloaded = playwrightDownload();
  return downloaded === undefined ? undefined : { path: downloaded, source: `playwright-core's download (${downloaded})` };
}

function mayUseApt(): boolean {
  return process.platform === 'linux' && process.getuid?.() === 0 && existsSync('/etc/debian_version');
}

/**
 * A Chinese font for the screenshots of a Chromium already present, installed on Debian as root when
 * fontconfig knows none; never fatal (the tests pass without it, only the pictures suffer).
 */
export async function ensureCjkFont(log: Log, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const fcList = await findOnPath('fc-list', env);
  const apt = await findOnPath('apt-get', env);
  if (fcList === undefined || apt === undefined || !mayUseApt()) {
    return 'not checked (no fontconfig or not Debian as root)';
  }
  const { execFile } = await import('node:child_process');
  const fonts = await new Promise<string>((resolve) => execFile(fcList, [':lang=zh'], (error, stdout) => resolve(error === null ? stdout : '')));
  if (fonts.trim() !== '') {
    return 'present';
  }
  log('no Chinese font: installing fonts-noto-cjk (once)…');
  try {
    await runCommand(apt, ['install', '-y', '--no-install-recommends', 'fonts-noto-cjk'], { env: { ...env, DEBIAN_FRONTEND: 'noninteractive' } });
    return 'fonts-noto-cjk installed';
  } catch (error) {
    return `not installed (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); Chinese screenshots show boxes`;
  }
}

/**
 * The Chromium the browser tests run, installed when missing: Debian's package (as root, with
 * apt-get, once), else playwright-core's own download; else an error that says what to do.
 */
export async function resolveChromium(log: Log, env: NodeJS.ProcessEnv = process.env): Promise<ResolvedChromium> {
  const found = await findChromium(env);
  if (found !== undefined) {
    return found;
  }
  const failures: string[] = [];
  const apt = await findOnPath('apt-get', env);
  if (apt !== undefined && mayUseApt()) {
    log('no Chromium found: installing Debian’s chromium package (once)…');
    const aptEnv = { ...env, DEBIAN_FRONTEND: 'noninteractive' };
    // With a CJK font, so that the console's Chinese screens render in screenshots (not as boxes).
    const install = () => runCommand(apt, ['install', '-y', '--no-install-recommends', 'chromium', 'fonts-noto-cjk'], { env: aptEnv });
    try {
      await install().catch(async () => {
        // A fresh machine has no package lists yet.
        await runCommand(apt, ['update'], { env: aptEnv });
        await install();
      });
      const installed = await findChromium(env);
      if (installed !== undefined) {
        return { path: installed.path, source: `apt-get install chromium (${installed.path})` };
      }
      failures.push('apt-get installed chromium, but no chromium executable was found afterwards');
    } catch (error) {
      failures.push(`apt-get install chromium: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    }
  } else {
    failures.push('apt-get: not a Debian machine run as root');
  }
  const playwright = playwrightCore();
  if (playwright !== undefined) {
    log('falling back to playwright-core’s own Chromium download…');
    try {
      await runCommand(process.execPath, [playwright.cli, 'install', 'chromium'], { env });
      const downloaded = playwrightDownload();
      if (downloaded !== undefined) {
        return { path: downloaded, source: `playwright-core's download (${downloaded})` };
      }
      failures.push('playwright-core install chromium left no executable');
    } catch (error) {
      failures.push(`playwright-core install chromium: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    }
  } else {
    failures.push('playwright-core is not installed (npm install)');
  }
  throw new Error(
    `no Chromium for the browser tests. Install Debian's package (apt-get install --no-install-recommends chromium) or set CHROMIUM_PATH to a Chromium executable.\n  ${failures.join('\n  ')}`,
  );
}
