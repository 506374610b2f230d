// One browser test file's setup: a local stack and Chromium for the whole file, and tabs that must
// end every test without a console error, CSP violation or uncaught exception. Apart from
// browser.ts, which scripts (screenshots, bench) use outside vitest.
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { startStackProcess, type StackProcess } from '#local/child-process.ts';
import { launchBrowser, openPage, type AppPage } from './browser.ts';

export interface BrowserSuite {
  /** The local stack (set before the first test). */
  stack: StackProcess;
  browser: Browser;
  /** The web app's address on the local stack. */
  web: string;
  /** A new tab in its own context; after the test it is closed, and what it logged is checked. */
  open(options?: Parameters<typeof openPage>[1]): Promise<Page>;
}

/** Registers the file's hooks; the answer's fields are set once `beforeAll` ran. */
export function browserSuite(): BrowserSuite {
  const pages: AppPage[] = [];
  const suite = {
    open: async (options: Parameters<typeof openPage>[1] = {}) => {
      const app = await openPage(suite.browser, options);
      pages.push(app);
      return app.page;
    },
  } as BrowserSuite;
  beforeAll(async () => {
    [suite.stack, suite.browser] = await Promise.all([startStackProcess(), launchBrowser()]);
    suite.web = suite.stack.endpoints.web;
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.stack?.stop();
  });
  afterEach(async () => {
    // Under the strict CSP nothing may be refused and nothing may throw, on any page a test visited.
    const problems = pages.flatMap((app) => app.problems());
    await Promise.all(pages.splice(0).map((app) => app.close()));
    expect(problems).toEqual([]);
  });
  return suite;
}
