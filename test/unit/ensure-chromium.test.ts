import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

// `npm test` makes sure the browser its tests drive is there before anything else (its pretest runs
// scripts/ensure-chromium.sh), on each kind of fresh machine. `id` and `apt-get` are stand-ins on
// PATH (a user, a package manager that only records what it was asked), so nothing is installed.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SCRIPT = join(ROOT, 'scripts/ensure-chromium.sh');
const INSTALL_COMMAND = 'sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium fonts-dejavu-core';

const made: string[] = [];
afterEach(async () => {
  for (const dir of made.splice(0)) await rm(dir, { recursive: true, force: true });
});

const executable = async (path: string, text: string) => {
  await writeFile(path, text);
  await chmod(path, 0o755);
};

/** Runs the check on a machine with this user, with or without apt-get, with or without Chromium. */
async function check({ uid, aptGet, chromium }: { uid: number; aptGet: boolean; chromium: boolean }) {
  const dir = await mkdtemp(join(tmpdir(), 'ensure-chromium-'));
  made.push(dir);
  const bin = join(dir, 'bin');
  const browser = join(dir, 'chromium');
  await mkdir(bin);
  await executable(join(bin, 'id'), `#!/bin/sh\necho ${uid}\n`);
  if (aptGet) {
    // Records its arguments; "installing" puts the package's Chromium where the package would.
    await executable(join(dir, 'package-chromium'), "#!/bin/sh\necho 'Chromium 156 (stand-in)'\n");
    await executable(join(bin, 'apt-get'), `#!/bin/sh\necho "$*" >> ${dir}/apt-get.log\ncase "$*" in *install*) /bin/cp ${dir}/package-chromium ${browser};; esac\n`);
  }
  if (chromium) await executable(browser, '#!/bin/sh\necho Chromium 156\n');
  const result = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile('/bin/bash', [SCRIPT], { env: { PATH: bin, OVERBRUG_CHROMIUM_PATH: browser } }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
  const asked = await readFile(join(dir, 'apt-get.log'), 'utf8').then(
    (text) => text.trim().split('\n'),
    () => [] as string[],
  );
  return { ...result, asked };
}

describe('npm test makes sure its browser is there', () => {
  it('runs the Chromium check first, before the type check and the tests', async () => {
    const { scripts } = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(scripts.pretest).toBe('bash scripts/ensure-chromium.sh');
  });

  it('does nothing, quietly, when Chromium is there', async () => {
    expect(await check({ uid: 1000, aptGet: true, chromium: true })).toEqual({ code: 0, stdout: '', stderr: '', asked: [] });
  });

  it("installs Debian's package as root, and shows the installed browser", async () => {
    const result = await check({ uid: 0, aptGet: true, chromium: false });
    expect(result).toMatchObject({ code: 0, asked: ['update -qq', 'install -y -qq --no-install-recommends chromium fonts-dejavu-core'] });
    expect(result.stdout).toContain('Chromium 156 (stand-in)');
  });

  it('says the one command to run, and fails, without root', async () => {
    const result = await check({ uid: 1000, aptGet: true, chromium: false });
    expect(result).toMatchObject({ code: 1, asked: [] });
    expect(result.stderr.split('\n').filter((line) => line.trim().startsWith('sudo'))).toEqual([`  ${INSTALL_COMMAND}`]);
  });

  it('says what is missing, and fails, where there is no apt-get', async () => {
    const result = await check({ uid: 0, aptGet: false, chromium: false });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('this machine has no apt-get');
    expect(result.stderr).not.toContain('sudo');
  });
});
