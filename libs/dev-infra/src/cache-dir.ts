import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where provisioned tools live between runs: outside the repository, so a fresh clone reuses
 * them and `git clean` keeps them. DOCKET_CACHE_DIR overrides it.
 */
export function docketCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return env['DOCKET_CACHE_DIR'] ?? join(env['XDG_CACHE_HOME'] ?? join(homedir(), '.cache'), 'docket');
}
