import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// The browser tests need Debian's chromium: `npm test` installs it when it is missing (as CI's
// .ci/run does), so the README's commands are all a fresh machine needs; without root it says how.
export default function ensureChromium(): void {
  execFileSync(fileURLToPath(new URL('../../scripts/ensure-chromium.sh', import.meta.url)), { stdio: 'inherit' });
}
