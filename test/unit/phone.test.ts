import { readFileSync } from 'node:fs';
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { describe, expect, it } from 'vitest';
import { buildPhoneMetadata, PHONE_METADATA_FILE } from '../../scripts/phone-metadata.ts';
import { normalisePhone } from '#shared/domain/phone.ts';
import { formatPhone } from '#shared/domain/phone-format.ts';

// As people type them: mobile, landlines with two- and three-digit area codes, 088 company numbers,
// 0800 and 0900, 085/091 numbers, the international forms.
const DUTCH = ['06-12345678', '+31 6 12345678', '0031612345678', '010-0000123', '030 123 4567', '0591-123456', '088 123 4567', '0800-0113', '0900-1234567', '085 123 4567', '+31 20 123 4567'];

describe('phone numbers', () => {
  it('keeps the Dutch numbering plan it carries current with libphonenumber-js (node scripts/phone-metadata.ts)', () => {
    expect(readFileSync(PHONE_METADATA_FILE, 'utf8')).toBe(buildPhoneMetadata());
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
