import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { buildApp } from '../../infra/app-builder.ts';
import { ROOT } from '#local/child-process.ts';

/**
 * A small built web app, as the web build leaves it: a page, a script with a content-hashed name
 * under assets/, and the config.json it uses locally, which a deployment must replace with the stack's.
 */
export const TEST_WEB_APP = {
  'index.html': '<!doctype html>\n<html lang="nl"><meta charset="utf-8"><title>Overbrug</title><script type="module" src="/assets/app-7QX2KD4M.js"></script></html>\n',
  'assets/app-7QX2KD4M.js': "document.title = 'Overbrug';\n",
  'config.json': JSON.stringify({ apiBaseUrl: 'http://localhost:3000', environment: 'local' }),
};

const scratch: string[] = [];

/**
 * The CDK app as `cdk synth` builds it, for tests: a scratch directory holds the test web app and
 * the cloud assembly (unless `outdir` says otherwise). Functions are bundled only with `bundle`.
 * `removeTestApps()` deletes the scratch directories.
 */
export function buildTestApp(context: Record<string, unknown>, options: { bundle?: boolean; outdir?: string } = {}) {
  const root = mkdtempSync(join(tmpdir(), 'overbrug-cdk-'));
  scratch.push(root);
  const webAppDir = join(root, 'web-app');
  mkdirSync(webAppDir);
  for (const [file, content] of Object.entries(TEST_WEB_APP)) {
    mkdirSync(dirname(join(webAppDir, file)), { recursive: true });
    writeFileSync(join(webAppDir, file), content);
  }
  return buildApp({
    projectRoot: ROOT,
    webAppDir,
    appProps: {
      outdir: options.outdir ?? join(root, 'cdk.out'),
      context: { ...context, ...(options.bundle ? {} : { 'aws:cdk:bundling-stacks': [] }) },
    },
  });
}

export function removeTestApps(): void {
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
}
