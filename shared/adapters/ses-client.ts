import type { SESv2Client } from '@aws-sdk/client-sesv2';

// The SES SDK is loaded at the first e-mail, not at init: loading it is about a third of a cold
// start, and most events of the functions that may send e-mail send none (triage mails only in a
// crisis, the users function only locally). A dynamic import of an external module stays lazy in
// the bundle; a static one would not.
let sdk: Promise<typeof import('@aws-sdk/client-sesv2')> | undefined;
let ses: Promise<SESv2Client> | undefined;

export const sesSdk = () => (sdk ??= import('@aws-sdk/client-sesv2'));

export function sesClient(): Promise<SESv2Client> {
  ses ??= sesSdk().then(({ SESv2Client }) => new SESv2Client({}));
  return ses;
}
