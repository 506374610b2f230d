import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { describeError } from '../errors.ts';
import { logger, metrics } from '../powertools.ts';
import { regions } from '../regions/index.ts';
import { unknownQueryParameters } from './query.ts';
import { problem } from './responses.ts';

type HttpHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

/**
 * The middleware every HTTP handler gets, in the order the Powertools docs give: logger context
 * with the API request id as correlation id, metrics, the refusal of query parameters the route
 * does not define (shared/http/query.ts), the regions served loaded (shared/regions), then a last line of defence that turns an
 * unexpected error into a 500 problem without internals (the log has the error, the caller not).
 */
export function httpHandler(
  handler: HttpHandler,
  {
    withMetrics = true,
    // How a refusal made here is put to the caller: problem+json, or (the FHIR API) an OperationOutcome.
    answerAs = (_event: APIGatewayProxyEventV2, response: APIGatewayProxyStructuredResultV2) => response,
  } = {},
) {
  const stack = middy(handler)
    .use(injectLambdaContext(logger, { resetKeys: true }))
    // The API request id as correlation id, read here: Powertools' correlationIdPath would bring its
    // JMESPath engine (23 KB) into every bundle for this one property.
    .use({
      before: async (request) => {
        const requestId = request.event.requestContext?.requestId;
        if (requestId) logger.setCorrelationId(requestId);
      },
    });
  if (withMetrics) stack.use(logMetrics(metrics, { captureColdStartMetric: true }));
  // Parameters the route does not define are refused on every route, before any data is read;
  // then the regions served are loaded (or refreshed), so the lookups in shared/regions are current.
  stack.use({
    before: async (request) => {
      const refused = unknownQueryParameters(request.event);
      if (refused) return answerAs(request.event, refused);
      await regions.ready();
      return undefined;
    },
  });
  return stack.use({
      onError: async (request) => {
        logger.error('Request failed', { error: describeError(request.error) });
        request.response = answerAs(
          request.event,
          problem(500, {
            type: '/problems/internal-error',
            title: 'Internal error',
            detail: 'The request could not be completed. It is safe to retry (with the same Idempotency-Key, where you sent one).',
          }),
        );
      },
    });
}
