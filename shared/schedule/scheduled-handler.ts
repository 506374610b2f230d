import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import { logger, metrics } from '../powertools.ts';
import { regions } from '../regions/index.ts';
import { clockOf } from './clock.ts';

/**
 * A function run on a schedule: one run at the schedule's time (its clock, see clock.ts), its
 * report logged under `done`, with the Powertools middleware every handler gets.
 */
export function scheduledHandler<Report extends object>(done: string, run: (now: Date) => Promise<Report>) {
  return middy(async (event: ScheduledEvent) => {
    const now = clockOf(event);
    await regions.ready();
    const report = await run(now);
    logger.info(done, { at: now.toISOString(), ...report });
    return report;
  })
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics, { captureColdStartMetric: true }));
}
