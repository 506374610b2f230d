// FHIR's two formats on the wire: JSON (application/fhir+json) and XML (application/fhir+xml),
// chosen by Content-Type on the way in and by _format or Accept on the way out. XML goes through
// FHIR.js (the `fhir` package), which converts by the same R4 definitions the validator uses (xml.ts).
import { createRequire } from 'node:module';
import { allDefinitions, RESOURCE_TYPES } from './definitions.ts';
import type { Issue } from './outcome.ts';
import type { XmlCodec } from './xml.ts';

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

/**
 * The XML conversion, loaded at its first use: from the source, xml.ts; in a Lambda, the module
 * the stack bundles from it beside index.mjs (topology `modules`), so JSON answers never load it.
 */
const XML_MODULE = import.meta.url.endsWith('.ts') ? './xml.ts' : './fhir-xml.cjs';
let codec: XmlCodec | undefined;
const xml = () => (codec ??= (createRequire(import.meta.url)(XML_MODULE) as typeof import('./xml.ts')).createXmlCodec(allDefinitions, RESOURCE_TYPES));

/** A request body as a resource object, or what is wrong with it. */
export function parseBody(body: string, format: FhirFormat): { ok: true; value: unknown } | { ok: false; issues: Issue[] } {
  if (format === 'json') {
    try {
      return { ok: true, value: JSON.parse(body) };
    } catch {
      return { ok: false, issues: [{ code: 'structure', text: 'The body is not valid JSON' }] };
    }
  }
  return xml().parse(body);
}

/** A resource in the chosen format. */
export function serialise(resource: unknown, format: FhirFormat): string {
  return format === 'json' ? JSON.stringify(resource) : xml().serialise(resource);
}
