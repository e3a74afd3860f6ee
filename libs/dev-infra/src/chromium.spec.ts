import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findChromium } from './chromium';

describe('finding the Chromium the browser tests drive', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'docket-chromium-'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function executable(name: string): Promise<string> {
    const path = join(dir, name);
    await writeFile(path, '#!/bin/sh\n');
    await chmod(path, 0o755);
    return path;
  }

  it('takes CHROMIUM_PATH first, and refuses one that is not an executable', async () => {
    const path = await executable('my-chromium');
    await expect(findChromium({ CHROMIUM_PATH: path, PATH: '' })).resolves.toEqual({ path, source: 'CHROMIUM_PATH' });
    await expect(findChromium({ CHROMIUM_PATH: join(dir, 'missing'), PATH: '' })).rejects.toThrow(/CHROMIUM_PATH: .* is not an executable file/);
  });

  it('then `chromium` on PATH', async () => {
    const path = await executable('chromium');
    await expect(findChromium({ PATH: dir })).resolves.toEqual({ path, source: `PATH (${path})` });
  });
});
