import * as z from './zod.ts';
import { phoneNumber } from './phone.ts';
import { requiredText } from './text.ts';

/**
 * A partner's vast aanspreekpunt for an entry (PUT /kaart/{serviceId}/contact): whom the contact
 * person, the client letter and the hand-off e-mails name. The API checks it, and the web app
 * before sending it. Apart from the entry's schema, so matching does not carry the phone metadata.
 */
export const KaartContactUpdateSchema = z.strictObject({
  name: requiredText(120),
  email: z.email({ error: 'Must be an e-mail address' }).check(z.maxLength(254)),
  phone: z.optional(phoneNumber()),
});
export type KaartContactUpdate = z.infer<typeof KaartContactUpdateSchema>;
