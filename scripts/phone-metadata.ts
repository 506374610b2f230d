// Writes the numbering plans phone numbers are read with, from libphonenumber-js's own metadata:
// - shared/domain/phone-metadata-nl.json: the Netherlands alone (from its "min" set: the Dutch plan
//   and how Dutch numbers are written), all formatPhone reads to show a stored number (1 KB, where
//   the whole set would be 83 KB in every function that shows a number);
// - shared/domain/phone-metadata.json: every country's plan from the full ("max") set without the
//   rules for writing numbers out (formats), which checking a typed number never reads: what
//   normalisePhone checks with (106 KB where the full set is 157). In a Lambda it is a JSON file
//   beside the bundle, not code in it (infra/bundling.ts).
// `node scripts/phone-metadata.ts` after upgrading libphonenumber-js; test/unit/phone.test.ts
// fails while a file is out of date.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

interface MetadataJson {
  version: number;
  country_calling_codes: Record<string, string[]>;
  countries: Record<string, unknown[]>;
  nonGeographic?: Record<string, unknown[]>;
}

const metadataSet = (set: 'min' | 'max') =>
  JSON.parse(readFileSync(createRequire(import.meta.url).resolve(`libphonenumber-js/metadata.${set}.json`), 'utf8')) as MetadataJson;

export function buildPhoneMetadata(): string {
  const min = metadataSet('min');
  return `${JSON.stringify({ version: min.version, country_calling_codes: { 31: min.country_calling_codes['31'] }, countries: { NL: min.countries.NL }, nonGeographic: {} })}\n`;
}

// Positions in a numbering plan of libphonenumber-js's compressed metadata (its metadata.js) that
// only formatting reads: the formats, the national prefix formatting rule and whether that prefix
// is optional when formatting. Parsing and validity read the rest.
const FORMATTING_ONLY = [4, 6, 9];
const withoutFormatting = (plans: Record<string, unknown[]>) =>
  Object.fromEntries(Object.entries(plans).map(([key, plan]) => [key, plan.map((value, index) => (FORMATTING_ONLY.includes(index) ? 0 : value))]));

export function buildCheckingMetadata(): string {
  const max = metadataSet('max');
  return `${JSON.stringify({ ...max, countries: withoutFormatting(max.countries), nonGeographic: withoutFormatting(max.nonGeographic ?? {}) })}\n`;
}

export const PHONE_METADATA_FILE = fileURLToPath(new URL('../shared/domain/phone-metadata-nl.json', import.meta.url));
export const CHECKING_METADATA_FILE = fileURLToPath(new URL('../shared/domain/phone-metadata.json', import.meta.url));

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(PHONE_METADATA_FILE, buildPhoneMetadata());
  writeFileSync(CHECKING_METADATA_FILE, buildCheckingMetadata());
  console.log(`Wrote ${PHONE_METADATA_FILE} and ${CHECKING_METADATA_FILE}`);
}
