import { httpHandler } from '#shared/http/http-handler.ts';
import { json } from '#shared/http/responses.ts';
import { SERVICE_NAME } from '#shared/topology.ts';

// Health checks come often and say nothing about the service's work: no metrics for them.
export const handler = httpHandler(async () => json(200, { status: 'ok', service: SERVICE_NAME, stage: process.env.STAGE }), {
  withMetrics: false,
});
