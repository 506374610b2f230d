import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// The browser tests need Debian's chromium. `npm test` checks for it first (its pretest); this
// checks again for a browser test run on its own (`npx vitest run --project browser ...`):
// installed when missing where it may be, and otherwise the command to run.
export default function ensureChromium(): void {
  execFileSync(fileURLToPath(new URL('../../scripts/ensure-chromium.sh', import.meta.url)), { stdio: 'inherit' });
}
