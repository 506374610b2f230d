import type { SESv2Client } from '@aws-sdk/client-sesv2';
import type { Email } from '../domain/notifications.ts';
import type { MailSender } from '../pipeline/ports.ts';
import { sesSdk } from './ses-client.ts';

/** Sends e-mail through SES v2. The notification id travels as a header so a mailbox shows duplicates. */
export class Mailer implements MailSender {
  readonly #client: () => Promise<SESv2Client>;
  readonly #configurationSet: string | undefined;

  /**
   * With a configuration set (deployed), SES applies its TLS policy, suppression list and metrics.
   * The client is asked for at the first e-mail (shared/adapters/ses-client.ts loads the SDK then).
   */
  constructor(client: () => Promise<SESv2Client>, configurationSet?: string) {
    this.#client = client;
    this.#configurationSet = configurationSet;
  }

  async send(email: Email): Promise<string> {
    const [client, { SendEmailCommand }] = await Promise.all([this.#client(), sesSdk()]);
    const result = await client.send(
      new SendEmailCommand({
        ...(this.#configurationSet ? { ConfigurationSetName: this.#configurationSet } : {}),
        FromEmailAddress: email.from,
        Destination: { ToAddresses: [email.to] },
        Content: {
          Simple: {
            Subject: { Data: email.subject, Charset: 'UTF-8' },
            Body: { Text: { Data: email.text, Charset: 'UTF-8' } },
            Headers: [{ Name: 'X-Overbrug-Notification-Id', Value: email.notificationId }],
          },
        },
        EmailTags: [{ Name: 'notification-kind', Value: email.kind }],
      }),
    );
    return result.MessageId ?? '';
  }
}
