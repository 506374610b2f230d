import * as z from './zod.ts';
import { naasteNeedsConsent } from './care-preferences.ts';
import { phoneNumber } from './phone.ts';
import { EMPTY_INTAKE, IntakeSchema, PREFERRED_CHANNELS, uniqueBy, WaitingSchema, type Intake } from './intake.ts';
import { containsBsn, requiredText, text } from './text.ts';
import { CHANNELS, REFERRER_KINDS } from './vocabulary.ts';

// A referral as POST /referrals (and the FHIR Bundle, the form, the rules command) receives it. Apart
// from referral.ts so that the functions that only read referrals do not carry the phone-number
// metadata its schema validates against.

const currentYear = () => new Date().getUTCFullYear();

/**
 * How the contact person reaches the client: minimal, and kept apart from the referral (its own
 * table), shown only to the contact person, the referrer's organisation and, with consent, the
 * bridging partner. Without it the contact person reaches the client through the practice.
 */
export const ClientContactSchema = z
  .strictObject({
    phone: z.optional(phoneNumber()),
    email: z.optional(z.email({ error: 'Must be an e-mail address' }).check(z.maxLength(254))),
    preferredChannel: z.optional(z.enum(PREFERRED_CHANNELS)),
    /** When the client can best be called, in their words ("na 15.00 uur, niet op woensdag"). */
    bestTimes: z.optional(text(200)),
    note: z.optional(text(200)),
    /** True: the contact person reaches the client through the referrer's practice. */
    viaReferrer: z.optional(z.boolean()),
  })
  .check(z.superRefine((contact, ctx) => {
    if (contact.preferredChannel === 'phone' && !contact.phone) {
      ctx.addIssue({ code: 'custom', message: 'Give the phone number when the client prefers to be called', path: ['phone'] });
    }
    if (contact.preferredChannel === 'email' && !contact.email) {
      ctx.addIssue({ code: 'custom', message: 'Give the e-mail address when the client prefers e-mail', path: ['email'] });
    }
    if (contact.viaReferrer === false && !contact.phone && !contact.email) {
      ctx.addIssue({ code: 'custom', message: 'Give a phone number or e-mail address, or let the contact person reach the client through the practice (viaReferrer)', path: ['viaReferrer'] });
    }
  }));
export type ClientContact = z.infer<typeof ClientContactSchema>;

export const ReferralRequestSchema = z.strictObject({
  referrer: z.strictObject({
    kind: z.enum(REFERRER_KINDS),
    phone: z.optional(phoneNumber()),
    // Who the referrer is comes from their account (the token), never from the body: these are
    // accepted from older clients, checked like any text, and not stored (docs/security.md).
    name: z.optional(requiredText(120)),
    organisation: z.optional(requiredText(160)),
    email: z.optional(z.email({ error: 'Must be an e-mail address' }).check(z.maxLength(254))),
  }),
  client: z.strictObject({
    ref: z.string().check(
      z.regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{3,63}$/, {
        error: 'Must be a pseudonymous reference of 4 to 64 letters, digits or . _ : -',
      }),
      z.refine((ref) => !containsBsn(ref), {
        error: 'Looks like or holds a BSN: send a pseudonymous client reference, never the BSN',
      }),
    ),
    birthYear: z.int({ error: 'Must be a whole year' }).check(
      z.refine((year) => year >= currentYear() - 120 && year <= currentYear(), {
        error: 'Must be a year within the last 120 years',
      }),
    ),
    postcode: z.string().check(z.regex(/^[1-9][0-9]{3}$/, { error: 'Must be the 4 digits of a Dutch postcode (PC4)' })),
    gemeente: requiredText(80),
    languages: z
      .array(z.string().check(z.regex(/^[a-z]{2,3}$/, { error: 'Must be an ISO 639 language code such as "nl"' })))
      .check(
        z.minLength(1, { error: 'Give at least one language' }),
        z.maxLength(10),
        z.superRefine(uniqueBy((code) => code, 'language')),
      ),
    channels: z
      .array(z.enum(CHANNELS))
      .check(z.minLength(1, { error: 'Give at least one channel' }), z.superRefine(uniqueBy((channel) => channel, 'channel'))),
    contact: z.optional(ClientContactSchema),
  }),
  waiting: z.optional(WaitingSchema),
  intake: z.optional(IntakeSchema),
  consent: z.strictObject({
    shareWithPartners: z.boolean(),
    shareDiagnosis: z.boolean(),
    involveNaasten: z.boolean(),
    /** The client letter may also go to the client by e-mail (needs `client.contact.email`); absent means no. */
    emailClient: z.optional(z.boolean()),
  }),
}).check(z.refine(naasteNeedsConsent, { error: 'Record a naaste only with consent to involve naasten (consent.involveNaasten)', path: ['intake', 'naaste'] }));
/** A referral as the API receives it: without `intake` when the cliëntondersteuner does the netwerkintake. */
export type ReferralInput = z.infer<typeof ReferralRequestSchema>;
/** A referral as Overbrug works with it: the intake empty (no answers) while it awaits its netwerkintake. */
export type ReferralRequest = Omit<ReferralInput, 'intake'> & { intake: Intake };

/** The referral to work with, and whether its netwerkintake is still to be done (no `intake` sent). */
export function normaliseReferral(input: ReferralInput): { request: ReferralRequest; awaitingIntake: boolean } {
  const { intake, ...rest } = input;
  return { request: { ...rest, intake: intake ?? EMPTY_INTAKE }, awaitingIntake: intake === undefined };
}

