import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleWebApp } from '#web/build.ts';
import { saveWebBundle } from '#local/web-host.ts';

// Every integration and browser file starts its own local stack, and each would bundle the web app
// again from the same sources. This builds it once for the run; the stacks the files start
// (local/child-process.ts passes the environment on) load it from OVERBRUG_WEB_BUNDLE instead.
export default async function buildWebAppOnce(): Promise<() => Promise<void>> {
  const dir = await mkdtemp(join(tmpdir(), 'overbrug-web-'));
  const file = join(dir, 'web-bundle.json');
  await saveWebBundle(await bundleWebApp(), file);
  process.env.OVERBRUG_WEB_BUNDLE = file;
  return () => rm(dir, { recursive: true, force: true });
}
