// Writes shared/domain/phone-metadata-nl.json: libphonenumber-js's metadata for the Netherlands alone
// (from its "min" set: the Dutch numbering plan and how Dutch numbers are written), which is all
// formatPhone reads to show a stored number. The whole set is 83 KB in every function that shows a
// number; this is 1 KB. `node scripts/phone-metadata.ts` after upgrading libphonenumber-js;
// test/unit/phone.test.ts fails while the file is out of date.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export function buildPhoneMetadata(): string {
  const require = createRequire(import.meta.url);
  const min = JSON.parse(readFileSync(require.resolve('libphonenumber-js/metadata.min.json'), 'utf8')) as {
    version: number;
    country_calling_codes: Record<string, string[]>;
    countries: Record<string, unknown>;
  };
  return `${JSON.stringify({ version: min.version, country_calling_codes: { 31: min.country_calling_codes['31'] }, countries: { NL: min.countries.NL }, nonGeographic: {} })}\n`;
}

export const PHONE_METADATA_FILE = fileURLToPath(new URL('../shared/domain/phone-metadata-nl.json', import.meta.url));

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(PHONE_METADATA_FILE, buildPhoneMetadata());
  console.log(`Wrote ${PHONE_METADATA_FILE}`);
}
