import * as z from 'zod';

// Control characters other than tab and newlines have no place in a referral and break e-mails and logs.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

export const text = (max: number, { multiline = false } = {}) =>
  z
    .string()
    .refine((value) => value.isWellFormed(), { error: 'Must be valid Unicode text' })
    .transform((value) => value.normalize('NFC').trim())
    .pipe(
      z
        .string()
        .max(max, { error: `Must be at most ${max} characters` })
        .refine((value) => !CONTROL_CHARACTERS.test(multiline ? value.replace(/[\r\n\t]/g, '') : value), {
          error: multiline ? 'Must not contain control characters' : 'Must be a single line without control characters',
        }),
    );

export const requiredText = (max: number) => text(max).pipe(z.string().min(1, { error: 'Must not be empty' }));


/** Text made safe to put in HTML, as content or as an attribute value. */
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
