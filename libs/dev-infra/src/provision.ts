import { ensureCjkFont, resolveChromium } from './chromium';
import { resolveTemporalCli, resolveTimeSkippingServer } from './temporal-executables';

/**
 * `node libs/dev-infra/dist/provision.js`: gets the Temporal dev server, the time-skipping
 * test server and a Chromium for the browser tests ready (cached, idempotent) and says where each came from.
 */
async function main(): Promise<void> {
  const log = (message: string): void => console.log(`[provision] ${message}`);
  const started = Date.now();
  const cli = await resolveTemporalCli(log);
  log(`Temporal CLI: ${cli.source}`);
  const testServer = await resolveTimeSkippingServer(log);
  log(`time-skipping test server: ${testServer.source}`);
  // The browser tests (test/browser) drive a headless Chromium.
  const chromium = await resolveChromium(log);
  log(`Chromium: ${chromium.source}; Chinese font: ${await ensureCjkFont(log)}`);
  log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((error: unknown) => {
  console.error('[provision] failed:', error);
  process.exitCode = 1;
});
