import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

/**
 * How people read a stored number: Dutch numbers as Dutch people write them (010 000 0123), others
 * internationally. Numbers stored before they were normalised stay as they were typed. Formatting
 * needs only the small metadata, so the functions that show numbers do not carry the full set.
 */
export function formatPhone(value: string): string {
  const parsed = value.startsWith('+') ? parsePhoneNumberFromString(value) : undefined;
  if (!parsed) return value;
  return parsed.country === 'NL' ? parsed.formatNational() : parsed.formatInternational();
}
