import { parsePhoneNumberFromString, type MetadataJson } from 'libphonenumber-js/core';
import netherlands from './phone-metadata-nl.json' with { type: 'json' };

/**
 * How people read a stored number: Dutch numbers as Dutch people write them (010 000 0123). Other
 * numbers stay in the international form they are stored in (+3221234567), as do numbers stored
 * before they were normalised. Only the Dutch numbering plan is carried (scripts/phone-metadata.ts,
 * 1 KB): the whole set (83 KB) would be in every function that shows a number, for the few numbers
 * from abroad.
 */
export function formatPhone(value: string): string {
  const parsed = value.startsWith('+') ? parsePhoneNumberFromString(value, netherlands as MetadataJson) : undefined;
  return parsed?.country === 'NL' ? parsed.formatNational() : value;
}
