import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { startStackProcess, type StackProcess, type StackProcessOptions } from '#local/child-process.ts';
import { launchBrowser, openPage, type AppPage } from './browser.ts';

// A browser test file's frame, kept apart from browser.ts so the scripts that use those helpers
// (screenshots, the web benchmark) do not load vitest.

export interface BrowserJourney {
  /** The local stack of this file (started before its first test). */
  readonly stack: StackProcess;
  /** The web app's address on it. */
  readonly web: string;
  /** A new tab (see `openPage`), closed after the test. */
  open(options?: Parameters<typeof openPage>[1]): Promise<Page>;
}

/**
 * Starts the local stack and Chromium for a test file's journeys, and stops them after. After each
 * test its tabs close, and the test fails if a page it visited logged an error, had something
 * refused by the strict CSP or threw. `stackOptions` start the stack as `startStackProcess` does
 * (a `timeScale` below 1 shortens its waits).
 */
export function browserJourney(stackOptions: StackProcessOptions = {}): BrowserJourney {
  let stack: StackProcess | undefined;
  let browser: Browser | undefined;
  const pages: AppPage[] = [];
  beforeAll(async () => {
    [stack, browser] = await Promise.all([startStackProcess(stackOptions), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });
  afterEach(async () => {
    const problems = pages.flatMap((app) => app.problems());
    await Promise.all(pages.splice(0).map((app) => app.close()));
    expect(problems).toEqual([]);
  });
  return {
    get stack() {
      return stack!;
    },
    get web() {
      return stack!.endpoints.web;
    },
    async open(options = {}) {
      const app = await openPage(browser!, options);
      pages.push(app);
      return app.page;
    },
  };
}
