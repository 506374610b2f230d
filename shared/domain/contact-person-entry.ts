// A contact person as the region's data gives them, checked on load: apart from the choice of a
// contact person (contact-person.ts), so that matching does not carry the phone-number metadata.
import * as z from 'zod';
import { phoneNumber } from './phone.ts';

/** A cliëntondersteuner: the one named contact person a client keeps across routes. */
export const ContactPersonEntrySchema = z.strictObject({
  contactPersonId: z.string().regex(/^[a-z0-9][a-z0-9-]{1,80}$/),
  name: z.string().min(1),
  organisation: z.string().min(1),
  /** Their work e-mail and phone: how clients, referrers and partners reach them. */
  email: z.email(),
  phone: phoneNumber().optional(),
  gemeenten: z.array(z.string()).min(1),
  caseloadLimit: z.int().min(0),
});
export type ContactPersonEntry = z.infer<typeof ContactPersonEntrySchema>;

export const SeedContactPersonsSchema = z.object({
  notice: z.string(),
  regionId: z.string(),
  contactPersons: z.array(ContactPersonEntrySchema),
});
