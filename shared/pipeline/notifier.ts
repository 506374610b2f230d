import { IdempotencyAlreadyInProgressError, IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import type { BasePersistenceLayer } from '@aws-lambda-powertools/idempotency/persistence';
import type { MailSender } from './ports.ts';
import type { Email } from '../domain/notifications.ts';
import type { SentNotification } from '../domain/referral.ts';
import { logger } from '../powertools.ts';

/**
 * How long a run waits, in steps, for another run that is sending the same e-mail right now (two
 * notify messages for one case): sending takes milliseconds, so it is done well within this. A run
 * that died while sending leaves its record in progress until its own time is up; then the message
 * is retried after its visibility timeout, as any failure is.
 */
const WAIT_FOR_OTHER_SENDER_MS = [100, 200, 400, 800, 1600];

/** How an e-mail's idempotency record is keyed: its notification id, under this prefix. */
export const NOTIFICATION_IDEMPOTENCY = { eventKeyJmesPath: 'notificationId', keyPrefix: 'notification' } as const;

/**
 * Sends each notification at most once per notification id, however often the record that asks
 * for it is redelivered. The records outlive the DLQ's 14-day retention, so even a late redrive
 * does not mail anyone twice.
 */
export class Notifier {
  readonly config: IdempotencyConfig;
  readonly #sendOnce: (email: Email) => Promise<{ messageId: string; sentAt: string }>;

  constructor(mailer: MailSender, persistenceStore: BasePersistenceLayer) {
    this.config = new IdempotencyConfig({ eventKeyJmesPath: NOTIFICATION_IDEMPOTENCY.eventKeyJmesPath, expiresAfterSeconds: 15 * 24 * 60 * 60 });
    this.#sendOnce = makeIdempotent(
      async (email: Email) => {
        const messageId = await mailer.send(email);
        logger.info('Notification sent', { notificationId: email.notificationId, kind: email.kind });
        return { messageId, sentAt: new Date().toISOString() };
      },
      { persistenceStore, config: this.config, keyPrefix: NOTIFICATION_IDEMPOTENCY.keyPrefix },
    );
  }

  async send(email: Email): Promise<SentNotification> {
    if (!email.to) throw new Error(`Notification ${email.notificationId} has no recipient address`);
    const { sentAt } = await this.#sendOnceWaitingForOthers(email);
    return { kind: email.kind, notificationId: email.notificationId, sentAt };
  }

  /** The other run's result once it has sent the e-mail: the same send time, no second e-mail. */
  async #sendOnceWaitingForOthers(email: Email): Promise<{ messageId: string; sentAt: string }> {
    for (const waitMs of WAIT_FOR_OTHER_SENDER_MS) {
      try {
        return await this.#sendOnce(email);
      } catch (error) {
        if (!(error instanceof IdempotencyAlreadyInProgressError)) throw error;
        await new Promise((resolve) => setTimeout(resolve, waitMs));
      }
    }
    return this.#sendOnce(email);
  }
}
