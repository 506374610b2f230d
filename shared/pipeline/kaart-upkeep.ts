import { createHash, randomBytes } from 'node:crypto';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { KaartItem } from '../domain/sociale-kaart.ts';
import type { KaartRecords, MailSender } from './ports.ts';
import { freshnessState, VERIFICATION_LINK_DAYS } from '../domain/freshness.ts';
import { reverificationEmail } from '../domain/notifications.ts';
import { describeError } from '../errors.ts';
import { logger, metrics } from '../powertools.ts';
import { REGIONS } from '../regions/index.ts';

export interface KaartUpkeepDeps {
  kaart: KaartRecords;
  mailer: MailSender;
  /** Where the confirm link points: the API's public base URL. */
  publicApiUrl: string;
}

export const tokenHashOf = (token: string) => createHash('sha256').update(token).digest('hex');

export function verificationLink(publicApiUrl: string, serviceId: string, token: string): string {
  return `${publicApiUrl.replace(/\/$/, '')}/kaart/verify?service=${encodeURIComponent(serviceId)}&token=${encodeURIComponent(token)}`;
}

/**
 * Asks the partner of every entry that went stale to confirm it: once when it starts to rank down,
 * once more when it is no longer offered. The request is recorded before the e-mail (conditional on
 * not being asked at that stage yet), so two runs never both send; one that was recorded but whose
 * e-mail failed is asked again with a new link on the next run.
 */
export async function upkeepKaart(deps: KaartUpkeepDeps, now: Date): Promise<{ requested: number; failed: number }> {
  const report = { requested: 0, failed: 0 };
  for (const { region, triageRules } of REGIONS) {
    for (const service of await deps.kaart.listRegion(region.regionId)) {
      if (!service.active) continue;
      const { state } = freshnessState(service.lastVerified, now, triageRules.matching.freshness);
      if (state === 'fresh' || (service.verification?.stage === state && service.verification.sentAt)) continue;
      try {
        if (await ask(deps, service, state, now, region)) report.requested++;
      } catch (error) {
        report.failed++;
        logger.error('Re-verification request failed; the next run asks again', { serviceId: service.serviceId, error: describeError(error) });
      }
    }
  }
  metrics.addMetric('KaartReverificationRequests', MetricUnit.Count, report.requested);
  return report;
}

async function ask(
  deps: KaartUpkeepDeps,
  service: KaartItem,
  stage: 'ranked-down' | 'excluded',
  now: Date,
  region: (typeof REGIONS)[number]['region'],
): Promise<boolean> {
  const token = randomBytes(32).toString('base64url');
  const request = {
    stage,
    requestedAt: now.toISOString(),
    tokenHash: tokenHashOf(token),
    expiresAt: new Date(now.getTime() + VERIFICATION_LINK_DAYS * 24 * 60 * 60 * 1000).toISOString(),
  };
  if (!(await deps.kaart.requestVerification(service, request))) return false;
  const link = verificationLink(deps.publicApiUrl, service.serviceId, token);
  await deps.mailer.send(reverificationEmail(service, { ...request, link }, { region }));
  await deps.kaart.markVerificationSent(service.serviceId, request.tokenHash, now.toISOString());
  logger.info('Partner asked to confirm a stale entry', { serviceId: service.serviceId, stage });
  return true;
}
