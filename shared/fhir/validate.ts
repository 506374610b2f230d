// Validation of everything the FHIR API takes in and gives out: FHIR's JSON rules, the R4
// StructureDefinitions (structure, cardinality, types, invariants) with @medplum/core's validator,
// the core's required bindings, and the rules of the profiles a resource declares (profiles.ts).
import { evalFhirPath, OperationOutcomeError, validateResource, type TypedValueWithPath } from '@medplum/core';
import type { Resource } from '@medplum/fhirtypes';
import { ensureDefinitions, requiredCodesOf, RESOURCE_TYPES } from './definitions.ts';
import type { Issue } from './outcome.ts';
import { PROFILE_RULES } from './profiles.ts';

const MAX_DEPTH = 40;

/**
 * FHIR's JSON rules that a schema does not say: no null, no empty object, array or string, and a
 * known resourceType wherever a resource is. Collects the resources met, with their paths.
 */
function checkJson(value: unknown, path: string, issues: Issue[], resources: { path: string; resource: Record<string, unknown> }[], depth = 0): void {
  if (depth > MAX_DEPTH) {
    issues.push({ code: 'too-costly', expression: path, text: 'Nested too deeply' });
    return;
  }
  if (value === null) issues.push({ code: 'structure', expression: path, text: 'null is not allowed in FHIR JSON; leave the element out' });
  else if (typeof value === 'string' && value.trim() === '') issues.push({ code: 'value', expression: path, text: 'An empty string is not a value; leave the element out' });
  else if (Array.isArray(value)) {
    if (value.length === 0) issues.push({ code: 'structure', expression: path, text: 'An empty array is not allowed; leave the element out' });
    value.forEach((item, index) => checkJson(item, `${path}[${index}]`, issues, resources, depth + 1));
  } else if (typeof value === 'object') {
    const object = value as Record<string, unknown>;
    const keys = Object.keys(object);
    if (keys.length === 0) issues.push({ code: 'structure', expression: path, text: 'An empty object is not allowed; leave the element out' });
    if ('resourceType' in object) {
      if (typeof object.resourceType !== 'string' || !RESOURCE_TYPES.has(object.resourceType)) {
        issues.push({ code: 'structure', expression: `${path}.resourceType`, text: `Not a FHIR R4 resource type: ${String(object.resourceType).slice(0, 60)}` });
        return;
      }
      resources.push({ path, resource: object });
    }
    for (const key of keys) {
      // The narrative's XHTML is a string that is not FHIR JSON; its own rules are the validator's.
      if (key === 'div') continue;
      checkJson(object[key], `${path}.${key}`, issues, resources, depth + 1);
    }
  }
}

/** The codes a required binding allows, checked where the core defines them. */
function checkRequiredCodes(tokens: Record<string, TypedValueWithPath[]>, issues: Issue[]): void {
  for (const [valueSet, values] of Object.entries(tokens)) {
    const allowed = requiredCodesOf(valueSet.split('|')[0]!);
    if (!allowed) continue;
    for (const { value, path } of values) {
      const codes =
        typeof value === 'string'
          ? [value]
          : value && typeof value === 'object' && 'coding' in value
            ? ((value as { coding?: { code?: string }[] }).coding ?? []).map((coding) => coding.code)
            : value && typeof value === 'object' && 'code' in value
              ? [(value as { code?: string }).code]
              : [];
      if (codes.length && !codes.some((code) => code !== undefined && allowed.includes(code))) {
        issues.push({ code: 'value', expression: path, text: `'${codes.join("', '")}' is not in the required value set ${valueSet} (${allowed.slice(0, 12).join(', ')}${allowed.length > 12 ? ', ...' : ''})` });
      }
    }
  }
}

function checkProfiles(resource: Record<string, unknown>, path: string, issues: Issue[]): void {
  const declared = ((resource.meta as { profile?: unknown } | undefined)?.profile ?? []) as unknown[];
  for (const profile of declared) {
    const known = typeof profile === 'string' ? PROFILE_RULES[profile.split('|')[0]!] : undefined;
    if (!known) continue;
    for (const rule of known.rules) {
      let holds: boolean;
      try {
        const result = evalFhirPath(rule.expression, resource as unknown as Resource);
        holds = result.length === 0 || result[0] === true;
      } catch {
        continue;
      }
      if (!holds) issues.push({ code: 'invariant', expression: `${path}.${rule.element}`, text: `${known.name}: ${rule.human} (${rule.key})` });
    }
  }
}

/**
 * Every issue with a resource, as the API reports them: `root` is the FHIRPath the resource has in
 * the request (`Bundle`, `Task`). Nothing is thrown for any input.
 */
export function validateFhir(input: unknown, root?: string): Issue[] {
  const issues: Issue[] = [];
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return [{ code: 'structure', text: 'Send a FHIR resource (a JSON object with a resourceType)' }];
  const resource = input as Record<string, unknown>;
  const path = root ?? (typeof resource.resourceType === 'string' ? resource.resourceType : 'Resource');
  if (typeof resource.resourceType !== 'string') return [{ code: 'required', expression: `${path}.resourceType`, text: 'resourceType is required' }];
  const resources: { path: string; resource: Record<string, unknown> }[] = [];
  checkJson(resource, path, issues, resources);
  if (issues.length) return issues;

  ensureDefinitions(resources.map((found) => found.resource.resourceType as string));
  const tokens: Record<string, TypedValueWithPath[]> = {};
  try {
    validateResource(resource as unknown as Resource, { collect: { tokens } });
  } catch (error) {
    if (error instanceof OperationOutcomeError) {
      for (const issue of error.outcome.issue ?? []) {
        if (issue.severity !== 'error' && issue.severity !== 'fatal') continue;
        const expression = issue.expression?.[0];
        issues.push({ code: issue.code === 'invariant' ? 'invariant' : 'structure', text: issue.details?.text ?? issue.diagnostics ?? 'Invalid', ...(expression ? { expression: rebase(expression, path) } : {}) });
      }
    } else {
      issues.push({ code: 'processing', expression: path, text: `Could not be validated: ${(error as Error).message?.slice(0, 200) ?? 'unknown error'}` });
    }
  }
  checkRequiredCodes(tokens, issues);
  for (const found of resources) checkProfiles(found.resource, found.path, issues);
  return issues.map((issue) => (issue.expression ? { ...issue, expression: rebase(issue.expression, path) } : issue));
}

/** The validator names paths from the resource type; the API names them from where the resource is. */
function rebase(expression: string, root: string): string {
  const type = root.split(/[.[]/)[0]!;
  return expression.startsWith(root) || !expression.startsWith(type) ? expression : `${root}${expression.slice(type.length)}`;
}
