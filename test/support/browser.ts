import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { findChromium } from '@docket/dev-infra';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { Actor } from '@docket/domain';

const REPO_ROOT = join(__dirname, '../..');
/** Every run writes its screenshots here (git-ignored); a few good ones are copied to docs/screenshots by hand. */
export const SCREENSHOT_DIR = join(REPO_ROOT, 'test-results/screenshots');

/** The headless Chromium the browser tests drive: CHROMIUM_PATH, `chromium` on PATH or Debian's (npm run provision installs one). */
export async function launchChromium(): Promise<Browser> {
  const found = await findChromium();
  if (found === undefined) {
    throw new Error('no Chromium for the browser tests: run npm run provision, or set CHROMIUM_PATH');
  }
  return chromium.launch({
    executablePath: found.path,
    headless: true,
    // Root in a container has no user namespace for Chromium's sandbox; the pages are our own console.
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
  });
}

/**
 * A page with a clean session (its own context) that records what the console must never do: a
 * script error, a console error, a request blocked by the CSP. `problems()` lists them for an assertion.
 */
export interface ConsolePage {
  readonly page: Page;
  readonly context: BrowserContext;
  problems(): string[];
  close(): Promise<void>;
}

export async function openConsolePage(
  browser: Browser,
  options: { locale?: 'zh' | 'en'; ignore?: ReadonlyArray<RegExp> } = {},
): Promise<ConsolePage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  if (options.locale !== undefined) {
    await context.addInitScript(`window.localStorage.setItem('docket.locale', ${JSON.stringify(options.locale)})`);
  }
  const page = await context.newPage();
  const problems: string[] = [];
  const ignored = (text: string) => (options.ignore ?? []).some((pattern) => pattern.test(text));
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // Refused API calls (a 4xx the screen shows as a problem) are logged by Chromium as errors too; the
    // tests check those on screen. Script errors and CSP violations are what must never appear.
    if (message.type() === 'error' && !/Failed to load resource/.test(message.text()) && !ignored(message.text())) {
      problems.push(`console error: ${message.text()}`);
    }
  });
  return {
    page,
    context,
    problems: () => [...problems],
    close: () => context.close(),
  };
}

/** Writes a full-page screenshot to test-results/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/**
 * Signs in through the sign-in page's local users: the button of the actor's user under the actor's
 * agency. Resolves once the console has left the sign-in page.
 */
export async function signInLocally(page: Page, apiUrl: string, actor: Actor, path = '/app/sign-in'): Promise<void> {
  await page.goto(`${apiUrl}${path}`);
  const agency = page.locator('section.sign-in__agency', { has: page.locator(`h3[id="agency-${actor.agencyId}"]`) });
  await agency.locator(`button[data-user="${actor.userId}"]`).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/app/sign-in'));
  if (actor.role !== undefined) {
    // A user with several roles at the agency acts in the first; the test's actor names the one it wants.
    const roleSelect = page.getByRole('combobox', { name: 'role' });
    if ((await roleSelect.count()) > 0) {
      await roleSelect.selectOption(actor.role);
    }
  }
}
