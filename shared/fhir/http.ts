// The FHIR API's requests and answers: bodies in JSON or XML, answers in the format asked for,
// refusals as OperationOutcome, links on the host the request came to.
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { logger, metrics } from '../powertools.ts';
import { CONTENT_TYPE, parseBody, requestFormat, responseFormat, serialise, type FhirFormat } from './format.ts';
import { FhirRefusal, operationOutcome, type Issue, type IssueCode } from './outcome.ts';
import { validateFhir } from './validate.ts';

/** The largest body the FHIR API reads: a referral Bundle with its intake fits in a fraction of it. */
export const MAX_FHIR_BODY_BYTES = 256 * 1024;

export const formatOf = (event: APIGatewayProxyEventV2): FhirFormat => responseFormat(event.queryStringParameters?._format, event.headers?.accept);

/** The FHIR base the request came to: links in answers point there (`next`, fullUrl). */
export function baseUrlOf(event: APIGatewayProxyEventV2): string {
  const proto = event.headers?.['x-forwarded-proto']?.split(',')[0]?.trim() || 'https';
  const host = event.headers?.host ?? event.requestContext.domainName;
  return `${proto}://${host}/fhir`;
}

/** What goes out is checked too: an invalid resource is our bug, logged by its paths (never its content). */
function checkOutgoing(resource: unknown): void {
  const issues = validateFhir(resource);
  if (!issues.length) return;
  logger.error('An outgoing FHIR resource does not validate', { issues: issues.map((issue) => `${issue.expression ?? ''}: ${issue.text}`).slice(0, 10) });
  metrics.addMetric('FhirOutputInvalid', MetricUnit.Count, 1);
}

export function fhirResponse(event: APIGatewayProxyEventV2, status: number, resource: unknown, headers: Record<string, string> = {}): APIGatewayProxyStructuredResultV2 {
  checkOutgoing(resource);
  const format = formatOf(event);
  return { statusCode: status, headers: { 'content-type': CONTENT_TYPE[format], 'cache-control': 'no-store', ...headers }, body: serialise(resource, format) };
}

export const outcomeResponse = (event: APIGatewayProxyEventV2, status: number, issues: Issue[], headers: Record<string, string> = {}) =>
  fhirResponse(event, status, operationOutcome(issues), headers);

/** An answer of the rest of the API (a problem+json refusal of sign-in) as FHIR answers it. */
export function fromProblem(event: APIGatewayProxyEventV2, response: APIGatewayProxyStructuredResultV2): APIGatewayProxyStructuredResultV2 {
  let detail = 'Refused';
  let errors: { path: string; message: string }[] = [];
  try {
    const body = JSON.parse(String(response.body)) as { detail?: string; errors?: { path: string; message: string }[] };
    detail = body.detail ?? detail;
    errors = body.errors ?? [];
  } catch {
    // keep the default
  }
  const status = response.statusCode ?? 500;
  const code: IssueCode = status === 401 ? 'login' : status === 403 ? 'forbidden' : status === 404 ? 'not-found' : 'processing';
  const headers = Object.fromEntries(Object.entries(response.headers ?? {}).filter(([name]) => name.toLowerCase() === 'www-authenticate').map(([name, value]) => [name, String(value)]));
  const issues: Issue[] = errors.length ? errors.map((error) => ({ code: 'value', text: `${error.path}: ${error.message}` })) : [{ code, text: detail }];
  return outcomeResponse(event, status, issues, headers);
}

/**
 * The resource a request body holds, validated against R4 and the profiles it declares (`root`:
 * its FHIRPath, `Bundle` or `Task`). A refusal names each issue's path; nothing is stored.
 */
export function readResource(event: APIGatewayProxyEventV2, root: string): Record<string, any> {
  const format = requestFormat(event.headers?.['content-type']);
  if (!format) throw new FhirRefusal(415, [{ code: 'not-supported', text: 'Send application/fhir+json or application/fhir+xml' }]);
  const raw = event.body ?? '';
  const bytes = event.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
  if (bytes.byteLength > MAX_FHIR_BODY_BYTES) throw new FhirRefusal(413, [{ code: 'too-costly', text: `The body is at most ${MAX_FHIR_BODY_BYTES} bytes` }]);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new FhirRefusal(400, [{ code: 'structure', text: 'The body must be UTF-8' }]);
  }
  const parsed = parseBody(text, format);
  if (!parsed.ok) throw new FhirRefusal(400, parsed.issues);
  const resource = parsed.value as Record<string, any>;
  if (typeof resource !== 'object' || resource === null || Array.isArray(resource) || resource.resourceType !== root.split('.')[0]) {
    throw new FhirRefusal(400, [{ code: 'structure', expression: root, text: `Send a ${root.split('.')[0]} resource` }]);
  }
  const issues = validateFhir(resource, root);
  if (issues.length) throw new FhirRefusal(400, issues);
  return resource;
}
