import { SESv2Client } from '@aws-sdk/client-sesv2';

// Apart from aws-clients.ts so that the functions that send no e-mail do not load the SES client.
let ses: SESv2Client | undefined;

export function sesClient(): SESv2Client {
  ses ??= new SESv2Client({});
  return ses;
}
