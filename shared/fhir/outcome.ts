// OperationOutcome: how the FHIR API says what went wrong, each issue with the FHIRPath of the
// element it is about (Bundle.entry[2].resource.intent), as R4 asks.

export type IssueCode = 'structure' | 'required' | 'value' | 'invariant' | 'not-found' | 'business-rule' | 'conflict' | 'duplicate' | 'security' | 'forbidden' | 'not-supported' | 'processing' | 'invalid' | 'informational' | 'login' | 'too-costly';

export interface Issue {
  code: IssueCode;
  text: string;
  expression?: string;
  severity?: 'fatal' | 'error' | 'warning' | 'information';
}

export function operationOutcome(issues: Issue[]) {
  return {
    resourceType: 'OperationOutcome',
    issue: issues.map((issue) => ({
      severity: issue.severity ?? 'error',
      code: issue.code,
      details: { text: issue.text },
      ...(issue.expression ? { expression: [issue.expression] } : {}),
    })),
  };
}

/** A refusal the FHIR API answers with its status and an OperationOutcome; nothing was stored or changed. */
export class FhirRefusal extends Error {
  readonly status: number;
  readonly issues: Issue[];
  readonly headers: Record<string, string>;

  constructor(status: number, issues: Issue[], headers: Record<string, string> = {}) {
    super(issues.map((issue) => issue.text).join('; '));
    this.name = 'FhirRefusal';
    this.status = status;
    this.issues = issues;
    this.headers = headers;
  }
}

export const isErrorIssue = (issue: Issue) => (issue.severity ?? 'error') === 'error' || issue.severity === 'fatal';
