// FHIR's two formats on the wire: JSON (application/fhir+json) and XML (application/fhir+xml),
// chosen by Content-Type on the way in and by _format or Accept on the way out. XML goes through
// FHIR.js (the `fhir` package), which converts by the same R4 definitions the validator uses.
import { ConvertToJs } from 'fhir/convertToJs.js';
import { ConvertToXml } from 'fhir/convertToXml.js';
import { ParseConformance } from 'fhir/parseConformance.js';
import sax from 'sax';
import { allDefinitions, RESOURCE_TYPES } from './definitions.ts';
import type { Issue } from './outcome.ts';

export type FhirFormat = 'json' | 'xml';

export const CONTENT_TYPE: Record<FhirFormat, string> = {
  json: 'application/fhir+json; fhirVersion=4.0; charset=utf-8',
  xml: 'application/fhir+xml; fhirVersion=4.0; charset=utf-8',
};

const XML_TYPES = /^(application\/fhir\+xml|application\/xml|text\/xml|xml)$/i;
const JSON_TYPES = /^(application\/fhir\+json|application\/json|json|text\/json)$/i;

/** The format of a request body, from its Content-Type; undefined when it is neither. */
export function requestFormat(contentType: string | undefined): FhirFormat | undefined {
  const type = (contentType ?? '').split(';')[0]!.trim();
  if (type === '' || JSON_TYPES.test(type)) return 'json';
  return XML_TYPES.test(type) ? 'xml' : undefined;
}

/** The format of the answer: `_format` wins over Accept (FHIR's http.html#mime); JSON by default. */
export function responseFormat(format: string | undefined, accept: string | undefined): FhirFormat {
  if (format) return XML_TYPES.test(format) ? 'xml' : 'json';
  const types = (accept ?? '').split(',').map((part) => part.split(';')[0]!.trim());
  const xml = types.findIndex((type) => XML_TYPES.test(type));
  const json = types.findIndex((type) => JSON_TYPES.test(type) || type === '*/*');
  return xml >= 0 && (json < 0 || xml < json) ? 'xml' : 'json';
}

let parser: ParseConformance | undefined;

/** FHIR.js's model of the R4 types, parsed from our definitions once (not the copy it ships). */
function conformance(): ParseConformance {
  if (!parser) {
    parser = new ParseConformance(false);
    parser.parseBundle({ resourceType: 'Bundle', entry: allDefinitions().map((resource) => ({ resource })) } as never);
    // FHIR.js types an element that holds a resource of one kind (Bundle.entry.response.outcome:
    // an OperationOutcome) by that kind, and then writes it without its resource element in XML.
    // Such an element holds a resource like any other: typed Resource, it is written and read whole.
    const retype = (properties: { _type?: string; _properties?: unknown[] }[] | undefined) => {
      for (const property of properties ?? []) {
        if (property._type && RESOURCE_TYPES.has(property._type)) property._type = 'Resource';
        retype(property._properties as never);
      }
    };
    for (const definition of Object.values(parser.parsedStructureDefinitions as Record<string, { _properties?: never }>)) retype(definition._properties);
  }
  return parser;
}

/** Checks that a body is well-formed XML of one FHIR resource, without a DTD (FHIR forbids them). */
function checkXml(xml: string): Issue[] {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) return [{ code: 'security', text: 'FHIR XML must not contain a DTD or entity declarations' }];
  const issues: Issue[] = [];
  const reader = sax.parser(true, { xmlns: true });
  let root: sax.QualifiedTag | undefined;
  reader.onopentag = (tag) => {
    root ??= tag as sax.QualifiedTag;
  };
  reader.onerror = (error) => {
    issues.push({ code: 'structure', text: `Not well-formed XML: ${error.message.split('\n')[0]}` });
    throw error;
  };
  try {
    reader.write(xml).close();
  } catch {
    return issues.length ? issues : [{ code: 'structure', text: 'Not well-formed XML' }];
  }
  if (!root) return [{ code: 'structure', text: 'No XML element' }];
  if (root.uri !== 'http://hl7.org/fhir') return [{ code: 'structure', text: 'The root element must be in the FHIR namespace http://hl7.org/fhir' }];
  if (!RESOURCE_TYPES.has(root.local)) return [{ code: 'structure', text: `Not a FHIR R4 resource type: ${root.local.slice(0, 60)}` }];
  return [];
}

/** A request body as a resource object, or what is wrong with it. */
export function parseBody(body: string, format: FhirFormat): { ok: true; value: unknown } | { ok: false; issues: Issue[] } {
  if (format === 'json') {
    try {
      return { ok: true, value: JSON.parse(body) };
    } catch {
      return { ok: false, issues: [{ code: 'structure', text: 'The body is not valid JSON' }] };
    }
  }
  const issues = checkXml(body);
  if (issues.length) return { ok: false, issues };
  try {
    const json = new ConvertToJs(conformance()).convertToJSON(body);
    return json ? { ok: true, value: JSON.parse(json) } : { ok: false, issues: [{ code: 'structure', text: 'Not one FHIR resource' }] };
  } catch (error) {
    return { ok: false, issues: [{ code: 'structure', text: `Could not be read as FHIR XML: ${(error as Error).message?.split('\n')[0]?.slice(0, 200) ?? 'unknown error'}` }] };
  }
}

/** A resource in the chosen format. */
export function serialise(resource: unknown, format: FhirFormat): string {
  return format === 'json' ? JSON.stringify(resource) : new ConvertToXml(conformance()).convert(resource);
}
