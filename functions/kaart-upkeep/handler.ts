import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import { documentClient, sesClient } from '#shared/adapters/aws-clients.ts';
import { Mailer } from '#shared/adapters/mailer.ts';
import { SocialeKaartStore } from '#shared/adapters/sociale-kaart-store.ts';
import { requireEnv, tableName } from '#shared/config.ts';
import { upkeepKaart } from '#shared/pipeline/kaart-upkeep.ts';
import { logger, metrics } from '#shared/powertools.ts';
import { clockOf } from '#shared/schedule/clock.ts';

const deps = {
  kaart: new SocialeKaartStore(documentClient(), tableName('sociale-kaart')),
  mailer: new Mailer(sesClient(), process.env.SES_CONFIGURATION_SET),
  publicApiUrl: requireEnv('PUBLIC_API_URL'),
};

export const handler = middy(async (event: ScheduledEvent) => {
  const now = clockOf(event);
  const report = await upkeepKaart(deps, now);
  logger.info('Sociale kaart upkeep done', { at: now.toISOString(), ...report });
  return report;
})
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics, { captureColdStartMetric: true }));
