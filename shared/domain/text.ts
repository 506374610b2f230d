import * as z from './zod.ts';

// The rules every free-text field of the API shares (docs/security.md, "What is refused"), in one
// place so that no field forgets one: valid Unicode, no control characters, no BSN, and a field of
// one line stays one line.

// Control characters other than tab and newlines have no place in a referral and break e-mails and logs.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
// What starts a new line, or reorders what a reader sees, in an e-mail, a log or a page: tab, CR,
// LF, the Unicode line and paragraph separators, and the bidirectional embeddings, overrides and
// isolates. In a one-line field they would make an extra line ("LET OP: bel direct ...") in the
// contact person's e-mail; a multi-line field keeps LF only.
const LINE_BREAKS_AND_DIRECTION = /[\t\r\n\u2028\u2029\u202A-\u202E\u2066-\u2069]/;
const MULTILINE_REFUSED = /[\t\r\u2028\u2029\u202A-\u202E\u2066-\u2069]/;

/** The Dutch BSN passes the elfproef (9 digits, weights 9..2 and -1, a multiple of 11). */
export function looksLikeBsn(value: string): boolean {
  if (!/^\d{9}$/.test(value)) return false;
  const digits = [...value].map(Number);
  const sum = digits.slice(0, 8).reduce((acc, digit, index) => acc + digit * (9 - index), 0) - (digits[8] ?? 0);
  return sum % 11 === 0;
}

/**
 * A run of digits with at most one dot, dash or space between two digits ("111.222.333",
 * "06-12345678"): how a number is written in text.
 */
const DIGIT_RUN = /\d(?:[ .-]?\d)*/g;
/**
 * How a BSN is written: nine digits together, or in the groups people and systems use (123 456 789,
 * 1234.56.789, 12.34.56.789). Other groupings of nine digits are something else: a case number
 * (RV-2026-00412 is 4 and 5), a date and a count.
 */
const BSN_GROUPINGS = new Set(['9', '3,3,3', '4,2,3', '2,2,2,3']);

/**
 * Whether a text holds something that passes as a BSN: nine digits, together or grouped as a BSN is
 * written, with dots, dashes or spaces between the groups, that pass the elfproef. Nine digits
 * inside a longer run (a phone number, an IBAN) do not count: they are not a BSN on their own.
 */
export function containsBsn(value: string): boolean {
  for (const [run] of value.matchAll(DIGIT_RUN)) {
    const groups = run.split(/[ .-]/);
    if (BSN_GROUPINGS.has(groups.map((group) => group.length).join(',')) && looksLikeBsn(groups.join(''))) return true;
  }
  return false;
}

export const ONE_LINE = 'Must be a single line without tabs, line breaks, control characters or direction marks';

/** Whether a value stays one line wherever it is shown: for the fields that are not `text()` (e-mail, phone). */
export const isOneLine = (value: string) => !CONTROL_CHARACTERS.test(value) && !LINE_BREAKS_AND_DIRECTION.test(value);

export const BSN_IN_TEXT = 'Contains what looks like a BSN: leave it out (Overbrug never stores one)';

export const text = (max: number, { multiline = false } = {}) =>
  z.pipe(
    z.pipe(
      z.string().check(z.refine((value) => value.isWellFormed(), { error: 'Must be valid Unicode text' })),
      // Windows line ends are still line ends: a multi-line field keeps them as LF.
      z.transform((value: string) => (multiline ? value.replace(/\r\n/g, '\n') : value).normalize('NFC').trim()),
    ),
    z.string().check(
      z.maxLength(max, { error: `Must be at most ${max} characters` }),
      z.refine((value) => (multiline ? !CONTROL_CHARACTERS.test(value) && !MULTILINE_REFUSED.test(value) : isOneLine(value)), {
        error: multiline ? 'Must not contain control characters, tabs or direction marks (line breaks are fine)' : ONE_LINE,
      }),
      z.refine((value) => !containsBsn(value), { error: BSN_IN_TEXT }),
    ),
  );

export const requiredText = (max: number) => z.pipe(text(max), z.string().check(z.minLength(1, { error: 'Must not be empty' })));


/** Text made safe to put in HTML, as content or as an attribute value. */
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
