// What may go into a log line about an error. Our own errors carry ids only. Errors from the AWS
// SDK can quote what they refused (SES names the unverified e-mail address, for one), and a
// SyntaxError from JSON.parse quotes the text it choked on: of those only name and status go in.

const OWN_ERRORS = new Set(['ReferralNotFoundError', 'IdempotencyKeyReusedError', 'InjectedFault', 'FunctionError', 'TimeoutError']);

export interface ErrorSummary {
  name: string;
  message?: string;
  httpStatusCode?: number;
  requestId?: string;
  /** The stack's frames, without the first line (which repeats the message). */
  stack?: string;
}

export function describeError(error: unknown): ErrorSummary {
  if (!(error instanceof Error)) return { name: typeof error };
  const metadata = (error as { $metadata?: { httpStatusCode?: number; requestId?: string } }).$metadata;
  const frames = error.stack?.split('\n').slice(1).join('\n');
  if (metadata) return { name: error.name, httpStatusCode: metadata.httpStatusCode, requestId: metadata.requestId };
  if (error instanceof SyntaxError) return { name: error.name, stack: frames };
  if (OWN_ERRORS.has(error.name) || error.name.startsWith('Idempotency') || error.name === 'TypeError' || error.name === 'RangeError') {
    return { name: error.name, message: error.message, stack: frames };
  }
  return { name: error.name, stack: frames };
}

/** One line for a log field: `Name: message` or `Name (HTTP 400)`. */
export function errorReason(error: unknown): string {
  const summary = describeError(error);
  if (summary.message) return `${summary.name}: ${summary.message}`;
  return summary.httpStatusCode ? `${summary.name} (HTTP ${summary.httpStatusCode})` : summary.name;
}
