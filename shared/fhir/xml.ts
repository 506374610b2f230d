// FHIR XML (application/fhir+xml) in and out, by FHIR.js (the `fhir` package), which converts by the
// same R4 definitions the validator uses. A module of its own, given the definitions rather than
// importing them: a Lambda loads it (bundled on its own, beside index.mjs) only at the first XML
// request, so the functions answering JSON do not carry FHIR.js and sax (format.ts).
import type { StructureDefinition } from '@medplum/fhirtypes';
import { ConvertToJs } from 'fhir/convertToJs.js';
import { ConvertToXml } from 'fhir/convertToXml.js';
import { ParseConformance } from 'fhir/parseConformance.js';
import sax from 'sax';
import type { Issue } from './outcome.ts';

export interface XmlCodec {
  /** A body as a resource object, or what is wrong with it. */
  parse(body: string): { ok: true; value: unknown } | { ok: false; issues: Issue[] };
  serialise(resource: unknown): string;
}

/** Checks that a body is well-formed XML of one FHIR resource, without a DTD (FHIR forbids them). */
function checkXml(xml: string, resourceTypes: ReadonlySet<string>): Issue[] {
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
  if (!resourceTypes.has(root.local)) return [{ code: 'structure', text: `Not a FHIR R4 resource type: ${root.local.slice(0, 60)}` }];
  return [];
}

/** FHIR.js's model of the R4 types, parsed from our definitions (not the copy it ships). */
function conformance(definitions: StructureDefinition[], resourceTypes: ReadonlySet<string>): ParseConformance {
  const parser = new ParseConformance(false);
  parser.parseBundle({ resourceType: 'Bundle', entry: definitions.map((resource) => ({ resource })) } as never);
  // FHIR.js types an element that holds a resource of one kind (Bundle.entry.response.outcome:
  // an OperationOutcome) by that kind, and then writes it without its resource element in XML.
  // Such an element holds a resource like any other: typed Resource, it is written and read whole.
  const retype = (properties: { _type?: string; _properties?: unknown[] }[] | undefined) => {
    for (const property of properties ?? []) {
      if (property._type && resourceTypes.has(property._type)) property._type = 'Resource';
      retype(property._properties as never);
    }
  };
  for (const definition of Object.values(parser.parsedStructureDefinitions as Record<string, { _properties?: never }>)) retype(definition._properties);
  return parser;
}

/** The XML conversion by these definitions; they are read at the first conversion. */
export function createXmlCodec(definitions: () => StructureDefinition[], resourceTypes: ReadonlySet<string>): XmlCodec {
  let parser: ParseConformance | undefined;
  const model = () => (parser ??= conformance(definitions(), resourceTypes));
  return {
    parse(body) {
      const issues = checkXml(body, resourceTypes);
      if (issues.length) return { ok: false, issues };
      try {
        const json = new ConvertToJs(model()).convertToJSON(body);
        return json ? { ok: true, value: JSON.parse(json) } : { ok: false, issues: [{ code: 'structure', text: 'Not one FHIR resource' }] };
      } catch (error) {
        return { ok: false, issues: [{ code: 'structure', text: `Could not be read as FHIR XML: ${(error as Error).message?.split('\n')[0]?.slice(0, 200) ?? 'unknown error'}` }] };
      }
    },
    serialise: (resource) => new ConvertToXml(model()).convert(resource),
  };
}
