// A contact person as the region's data gives them, checked on load and on every change through the
// API: apart from the choice of a contact person (contact-person.ts), so that matching does not
// carry the phone-number metadata.
import * as z from './zod.ts';
import { isCalendarDate } from './calendar-date.ts';
import { phoneNumber } from './phone.ts';
import { requiredText } from './text.ts';

export const CONTACT_PERSON_ID = /^[a-z0-9][a-z0-9-]{1,80}$/;

const calendarDate = () => z.string().check(z.refine(isCalendarDate, { error: 'Must be a date as YYYY-MM-DD that exists in the calendar' }));

/**
 * A period in which someone takes no new cases (from and to inclusive, Dutch calendar days). With
 * `handOver` their open cases move to colleagues for the period.
 */
export const AbsenceSchema = z
  .strictObject({
    from: calendarDate(),
    to: calendarDate(),
    handOver: z.boolean(),
  })
  .check(z.refine((absence) => absence.from <= absence.to, { error: 'The absence must end on or after the day it starts', path: ['to'] }));
export type Absence = z.infer<typeof AbsenceSchema>;

const languages = z
  .array(z.string().check(z.regex(/^[a-z]{2,3}$/, { error: 'Must be an ISO 639 language code such as "nl"' })))
  .check(
    z.minLength(1, { error: 'Give at least one language' }),
    z.maxLength(20),
    z.refine((codes) => new Set(codes).size === codes.length, { error: 'Give each language once' }),
  );

/** A cliëntondersteuner: the one named contact person a client keeps across routes. */
export const ContactPersonEntrySchema = z.strictObject({
  contactPersonId: z.string().check(z.regex(CONTACT_PERSON_ID)),
  name: z.string().check(z.minLength(1)),
  organisation: z.string().check(z.minLength(1)),
  /** Their work e-mail and phone: how clients, referrers and partners reach them. */
  email: z.email(),
  phone: z.optional(phoneNumber()),
  gemeenten: z.array(z.string()).check(z.minLength(1)),
  caseloadLimit: z.int().check(z.minimum(0)),
  /** The languages they speak with clients (ISO 639). */
  languages: z._default(languages, ['nl']),
  /** False: deactivated, takes no new cases (their open cases stay theirs). */
  active: z._default(z.boolean(), true),
  absence: z.optional(AbsenceSchema),
});
export type ContactPersonEntry = z.infer<typeof ContactPersonEntrySchema>;

/**
 * What the region edits through the API (POST and PUT /contact-persons): every field but the id,
 * checked as any text that people type (one line, no BSN). `PUT` replaces all of them.
 */
export const ContactPersonInputSchema = z.strictObject({
  name: requiredText(120),
  organisation: requiredText(160),
  email: z.email({ error: 'Must be an e-mail address' }).check(z.maxLength(254)),
  phone: z.optional(phoneNumber()),
  gemeenten: z
    .array(requiredText(80))
    .check(
      z.minLength(1, { error: 'Give at least one gemeente' }),
      z.maxLength(50),
      z.refine((names) => new Set(names).size === names.length, { error: 'Give each gemeente once' }),
    ),
  caseloadLimit: z.int({ error: 'Must be a whole number' }).check(z.minimum(0), z.maximum(500)),
  languages,
  active: z.boolean(),
  absence: z.optional(AbsenceSchema),
});
export type ContactPersonInput = z.infer<typeof ContactPersonInputSchema>;


/** POST /contact-persons: the same, with an id the region may choose (one is made otherwise). */
export const NewContactPersonSchema = z.extend(ContactPersonInputSchema, {
  contactPersonId: z.optional(z.string().check(z.regex(CONTACT_PERSON_ID, { error: 'Must be 2 to 81 characters of a-z, 0-9 and -, such as cp-anouk-de-vries' }))),
});
export type NewContactPerson = z.infer<typeof NewContactPersonSchema>;

/** A contact person as the API shows them: the contract's fields and the read-only caseload; never the clients. */
export interface ContactPersonView {
  contactPersonId: string;
  name: string;
  organisation: string;
  email: string;
  phone?: string;
  gemeenten: string[];
  caseloadLimit: number;
  languages: string[];
  active: boolean;
  absence?: Absence;
  /** Open clients: read-only, changed only by assignment and release. */
  caseload: number;
}

export const SeedContactPersonsSchema = z.object({
  notice: z.string(),
  regionId: z.string(),
  contactPersons: z.array(ContactPersonEntrySchema),
});
