import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import fc from 'fast-check';
import examples from 'libphonenumber-js/examples.mobile.json' with { type: 'json' };
import { parsePhoneNumberFromString as parseWithFullSet } from 'libphonenumber-js/max';
import metadata from 'libphonenumber-js/metadata.max.json' with { type: 'json' };
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { describe, expect, it } from 'vitest';
import { bundleLikeLambda, copyDataFiles } from '../../bench/cold-start.ts';
import { buildCheckingMetadata, buildPhoneMetadata, CHECKING_METADATA_FILE, PHONE_METADATA_FILE } from '../../scripts/phone-metadata.ts';
import { normalisePhone } from '#shared/domain/phone.ts';
import { formatPhone } from '#shared/domain/phone-format.ts';

// As people type them: mobile, landlines with two- and three-digit area codes, 088 company numbers,
// 0800 and 0900, 085/091 numbers, the international forms.
const DUTCH = ['06-12345678', '+31 6 12345678', '0031612345678', '010-0000123', '030 123 4567', '0591-123456', '088 123 4567', '0800-0113', '0900-1234567', '085 123 4567', '+31 20 123 4567'];

describe('phone numbers', () => {
  it('keeps the Dutch numbering plan it carries current with libphonenumber-js (node scripts/phone-metadata.ts)', () => {
    expect(readFileSync(PHONE_METADATA_FILE, 'utf8')).toBe(buildPhoneMetadata());
    expect(readFileSync(CHECKING_METADATA_FILE, 'utf8')).toBe(buildCheckingMetadata());
  });

  // The plans are checked with libphonenumber's full set less its formats: what it takes and how it
  // stores it must be exactly what the full set gives, for every country.
  it('takes and stores exactly the numbers libphonenumber-js takes with its full metadata', () => {
    const withFullSet = (value: string) => {
      const parsed = parseWithFullSet(value, 'NL');
      return parsed?.isValid() ? parsed.number : undefined;
    };
    const callingCodes = Object.keys(metadata.country_calling_codes);
    const fromExamples = Object.entries(examples).flatMap(([country, national]) => {
      const international = `+${metadata.countries[country as keyof typeof metadata.countries]![0]} ${national}`;
      return [international, `${international}1`, international.slice(0, -1), `${international.slice(0, -1)}${(Number(international.at(-1)) + 5) % 10}`];
    });
    for (const value of [...fromExamples, ...DUTCH]) expect(normalisePhone(value), value).toBe(withFullSet(value));
    expect(fromExamples.filter((value) => normalisePhone(value)).length).toBeGreaterThan(300);
    const typed = fc.oneof(
      fc.tuple(fc.constantFrom(...callingCodes), fc.stringMatching(/^\d{2,14}$/)).map(([code, digits]) => `+${code}${digits}`),
      fc.stringMatching(/^0\d{5,12}$/),
      fc.stringMatching(/^[0-9 +()\-.x]{0,24}$/),
    );
    fc.assert(fc.property(typed, (value) => normalisePhone(value) === withFullSet(value)), { numRuns: 20_000 });
  });

  it('reads its numbering plans from beside a Lambda bundle, where the stack copies them', async () => {
    // Inside the repository, so that the bundle finds node_modules; .bench is not in a fresh clone.
    const benchDir = fileURLToPath(new URL('../../.bench/', import.meta.url));
    await mkdir(benchDir, { recursive: true });
    const dir = await mkdtemp(join(benchDir, 'phone-'));
    try {
      await bundleLikeLambda(fileURLToPath(new URL('../../shared/domain/phone.ts', import.meta.url)), join(dir, 'index.mjs'));
      // Left out of the bundle, and read from beside it.
      const code = readFileSync(join(dir, 'index.mjs'), 'utf8');
      expect(code.includes('"AG","AI"'), 'the plans are in the bundle').toBe(false);
      expect(code).toMatch(/from\s*"\.\/phone-metadata\.json"\s*with\s*\{\s*type:\s*"json"\s*\}/);
      await copyDataFiles(fileURLToPath(new URL('../..', import.meta.url)), join(dir, 'index.mjs'));
      const bundled = (await import(pathToFileURL(join(dir, 'index.mjs')).href)) as { normalisePhone: typeof normalisePhone };
      expect(bundled.normalisePhone('+32 2 555 12 12')).toBe('+3225551212');
      expect(bundled.normalisePhone('12345')).toBeUndefined();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('takes Dutch and international numbers in one form, E.164, and refuses what is no number', () => {
    expect(normalisePhone('06-12345678')).toBe('+31612345678');
    expect(normalisePhone('088 123 4567')).toBe('+31881234567');
    expect(normalisePhone('+32 2 555 12 12')).toBe('+3225551212');
    expect(normalisePhone('+44 20 7946 0018')).toBe('+442079460018');
    for (const wrong of ['12345', '06-1234567', '010-00001', '+31 6 1234', 'bel mij']) expect(normalisePhone(wrong), wrong).toBeUndefined();
  });

  it('shows a stored Dutch number as Dutch people write it, exactly as the whole metadata set does', () => {
    for (const typed of DUTCH) {
      const stored = normalisePhone(typed)!;
      expect(stored, typed).toMatch(/^\+31\d+$/);
      expect(formatPhone(stored), typed).toBe(parsePhoneNumberFromString(stored)!.formatNational());
    }
    expect(formatPhone('+31612345678')).toBe('06 12345678');
    expect(formatPhone('+31100000123')).toBe('010 000 0123');
  });

  it('shows a number from abroad, and one stored before numbers were normalised, as stored', () => {
    expect(formatPhone('+3225551212')).toBe('+3225551212');
    expect(formatPhone('+441234234567')).toBe('+441234234567');
    expect(formatPhone('010-0000123')).toBe('010-0000123');
  });
});
