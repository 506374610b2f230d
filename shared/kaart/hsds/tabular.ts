import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { HSDS_OBJECTS, HSDS_TYPES, asType, isRecord, isScalar, type HsdsType } from './objects.ts';
import { HsdsInputError, type SkippedRecord } from './schema.ts';
import { detectVersion, OLD_FILES, upgradeTables, versionNotice, type DetectedVersion } from './versions.ts';

// The HSDS tabular data package: one CSV file per object (services.csv, phones.csv, ...), linked
// by ids, described by datapackage.json. Reading takes the files as real exports make them (any
// line ending, a byte-order mark, semicolons, headers in capitals, older HSDS versions) and joins
// the tables back into nested services, as the HSDS API gives them, so one mapping (from-hsds.ts)
// serves JSON and CSV alike. Writing flattens nested services into every table of HSDS 3.1.

export type Cell = string | number | null | undefined;
export type Row = Record<string, Cell>;
export type Tables = Partial<Record<HsdsType, Row[]>>;

const baseName = (path: string) => path.split('/').at(-1)!;
const present = (value: Cell) => value !== undefined && value !== null && value !== '';

/** The separator of a CSV file: the one of `,` `;` and tab that its header line has most of. */
function delimiterOf(text: string): string {
  const header = text.slice(0, text.indexOf('\n') === -1 ? undefined : text.indexOf('\n')).replace(/"[^"]*"/g, '');
  const counts = [',', ';', '\t'].map((delimiter) => [delimiter, header.split(delimiter).length - 1] as const);
  return counts.reduce((best, candidate) => (candidate[1] > best[1] ? candidate : best))[0];
}

const DELIMITER_NAMES: Record<string, string> = { ';': 'puntkomma', '\t': 'tab' };

/**
 * One CSV file's rows, header names as HSDS writes them (trimmed, lower case), empty cells left
 * out. Line endings may be LF, CR LF, CR, or CR CR LF (as a file passed through two converters);
 * rows may stop short of the last columns. A row longer than the header, or an unclosed quote, is
 * an error naming the line.
 */
export function parseCsv(name: string, text: string): { rows: Row[]; notes: string[] } {
  const notes: string[] = [];
  const normalised = text.replace(/^\uFEFF/, '').replace(/\r+\n/g, '\n').replace(/\r/g, '\n');
  const delimiter = delimiterOf(normalised);
  if (delimiter !== ',') notes.push(`${name} is gescheiden door ${DELIMITER_NAMES[delimiter]}s in plaats van komma's; zo gelezen.`);
  try {
    const rows = parse(normalised, {
      columns: (header: string[]) => header.map((column) => column.trim().toLowerCase()),
      delimiter,
      skip_empty_lines: true,
      relax_column_count_less: true,
      relax_quotes: true,
    }) as Record<string, string>[];
    return { rows: rows.map((row) => Object.fromEntries(Object.entries(row).filter(([column, value]) => column !== '' && value.trim() !== ''))), notes };
  } catch (error) {
    const message = (error as Error).message.replace(/^Invalid Record Length: columns length is (\d+), got (\d+) on line (\d+)$/, 'regel $3 heeft $2 waarden, de kop $1 kolommen');
    throw new HsdsInputError(`${name} is geen leesbare CSV: ${message}`);
  }
}

/** Numbers where HSDS has numbers ("12" in a CSV cell is 12); anything else as text. */
function typed(type: HsdsType, row: Row): Row {
  const numbers = HSDS_OBJECTS[type].numbers;
  if (!numbers.length) return row;
  const out: Row = { ...row };
  for (const column of numbers) {
    const value = row[column];
    if (typeof value === 'string' && /^\s*-?\d+([.,]\d+)?\s*$/.test(value)) out[column] = Number(value.trim().replace(',', '.'));
  }
  return out;
}

export interface CsvPackage {
  tables: Tables;
  version: DetectedVersion;
  notices: string[];
}

function readDescriptor(files: Readonly<Record<string, string>>, notices: string[]): { version?: unknown; resources?: unknown; profile?: unknown } | undefined {
  const key = Object.keys(files).find((name) => baseName(name).toLowerCase() === 'datapackage.json');
  if (key === undefined) {
    notices.push('Geen datapackage.json: de tabellen zijn gelezen onder hun HSDS-bestandsnamen.');
    return undefined;
  }
  try {
    const descriptor = JSON.parse(files[key]!) as unknown;
    if (isRecord(descriptor)) {
      if (!Array.isArray(descriptor.resources)) notices.push('datapackage.json noemt geen resources; de tabellen zijn gelezen onder hun HSDS-bestandsnamen.');
      return descriptor;
    }
  } catch {
    // Reported below.
  }
  notices.push(`datapackage.json is geen JSON (het begint met '${files[key]!.slice(0, 40).trim()}'); de tabellen zijn gelezen onder hun HSDS-bestandsnamen.`);
  return undefined;
}

/** A file of the package by its path in datapackage.json or its HSDS name, in any folder, any case. */
function fileFinder(files: Readonly<Record<string, string>>) {
  const byBase = new Map<string, string>();
  for (const name of Object.keys(files)) if (!byBase.has(baseName(name).toLowerCase())) byBase.set(baseName(name).toLowerCase(), name);
  const used = new Set<string>();
  return {
    find(path: string): { name: string; text: string } | undefined {
      const name = path in files ? path : byBase.get(baseName(path).toLowerCase());
      if (name === undefined) return undefined;
      used.add(name);
      return { name, text: files[name]! };
    },
    unused: () => Object.keys(files).filter((name) => !used.has(name) && baseName(name).toLowerCase() !== 'datapackage.json'),
  };
}

/**
 * The package's tables from its files (path → contents), in HSDS 3.1 whatever version it is: the
 * version is detected from the tables present and datapackage.json, said in one notice, and an
 * older package's tables are mapped to 3.1 (versions.ts).
 */
export function readCsvPackage(files: Readonly<Record<string, string>>): CsvPackage {
  const notices: string[] = [];
  const descriptor = readDescriptor(files, notices);
  const finder = fileFinder(files);
  const servicesFile = finder.find('services.csv');
  // The header of services.csv tells 3.x from older versions by its columns.
  const header = (servicesFile?.text.replace(/^\uFEFF/, '').split(/\r|\n/, 1)[0] ?? '').trim();
  const columns = header ? header.split(delimiterOf(header)).map((column) => column.replace(/"/g, '').trim().toLowerCase()) : [];
  const version = detectVersion(Object.keys(files), columns, descriptor);
  notices.unshift(versionNotice(version));
  const tables: Tables = {};
  const parseFile = (file: { name: string; text: string }) => {
    const { rows, notes } = parseCsv(file.name, file.text);
    notices.push(...notes);
    return rows;
  };

  if (version.generation === '3') {
    const paths = Object.fromEntries(HSDS_TYPES.map((type) => [type, HSDS_OBJECTS[type].path])) as Record<HsdsType, string>;
    const resources = Array.isArray(descriptor?.resources) ? (descriptor.resources as { name?: unknown; path?: unknown }[]) : [];
    for (const resource of resources) {
      const type = asType(resource?.name);
      if (type && typeof resource.path === 'string') paths[type] = resource.path;
    }
    for (const type of HSDS_TYPES) {
      const file = finder.find(paths[type]) ?? finder.find(HSDS_OBJECTS[type].path);
      if (file) tables[type] = parseFile(file).map((row) => typed(type, row));
    }
  } else {
    const old: Record<string, Row[]> = {};
    for (const name of OLD_FILES) {
      const file = finder.find(name);
      if (file) old[name] = parseFile(file);
    }
    const upgraded = upgradeTables(version.generation, old);
    notices.push(...upgraded.notes);
    for (const type of HSDS_TYPES) if (upgraded.tables[type]) tables[type] = upgraded.tables[type]!.map((row) => typed(type, row));
  }
  const unknown = finder.unused().filter((name) => /\.csv$/i.test(name));
  if (unknown.length) notices.push(`Niet gelezen, want geen tabel van ${version.label}: ${unknown.join(', ')}.`);
  if (!tables.service) {
    const found = Object.keys(files).filter((name) => /\.csv$/i.test(name));
    throw new HsdsInputError(
      found.length
        ? `Het pakket heeft geen services.csv: er is niets te importeren (wel: ${found.slice(0, 6).join(', ')}${found.length > 6 ? ', …' : ''}).`
        : 'Het pakket heeft geen services.csv: er is niets te importeren.',
    );
  }
  return { tables, version, notices };
}

/** HSDS's tabular JSON (`{"services.csv": [...], ...}`): the same tables, as JSON. */
export function tablesFromTabularJson(document: Record<string, unknown>): Tables {
  const tables: Tables = {};
  for (const type of HSDS_TYPES) {
    const rows = document[HSDS_OBJECTS[type].path];
    if (Array.isArray(rows)) tables[type] = rows.filter((row): row is Row => isRecord(row)).map((row) => typed(type, row));
  }
  if (!tables.service) throw new HsdsInputError('Tabulaire HSDS-JSON zonder "services.csv": er is niets te importeren.');
  return tables;
}

export const isTabularJson = (document: object) => Object.keys(document).some((key) => key.endsWith('.csv'));

/** Rows by a column's value; rows without it are left out. */
function groupBy(rows: Row[] | undefined, column: string): Map<string, Row[]> {
  const groups = new Map<string, Row[]>();
  for (const row of rows ?? []) {
    const key = row[column];
    if (!present(key)) continue;
    const group = groups.get(String(key));
    if (group) group.push(row);
    else groups.set(String(key), [row]);
  }
  return groups;
}

/** What a package holds besides services: the crosswalk builder offers its terms, areas and units. */
export interface TablesJoined {
  services: Record<string, unknown>[];
  skipped: SkippedRecord[];
  /** Taxonomy terms of the package, each with its taxonomy when the package has it. */
  terms: Record<string, unknown>[];
}

/**
 * Joins the tables into nested services, each object with everything HSDS nests in it (a service's
 * organization with its locations and programs, a location's addresses and schedules, ...). Rows
 * that point at a service (or anything) the package does not have are reported as skipped; the
 * rest of the package is unaffected.
 */
export function servicesFromTables(tables: Tables): TablesJoined {
  const skipped: SkippedRecord[] = [];
  const byId = new Map<HsdsType, Map<string, Row>>();
  const idsOf = (type: HsdsType) => {
    let map = byId.get(type);
    if (!map) byId.set(type, (map = new Map((tables[type] ?? []).filter((row) => present(row.id)).map((row) => [String(row.id), row]))));
    return map;
  };
  const groups = new Map<string, Map<string, Row[]>>();
  const childrenOf = (type: HsdsType, column: string, id: string) => {
    const key = `${type}.${column}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = groupBy(tables[type], column)));
    return group.get(id) ?? [];
  };
  const nested = new Map<string, Record<string, unknown>>();
  const nest = (type: HsdsType, row: Row): Record<string, unknown> => {
    const id = String(row.id);
    const memo = nested.get(`${type}/${id}`);
    if (memo) return memo;
    const object: Record<string, unknown> = { ...row };
    nested.set(`${type}/${id}`, object);
    const spec = HSDS_OBJECTS[type];
    for (const [property, list] of Object.entries(spec.lists)) {
      // An attribute's link_entity (a metadata's resource_type) decides only where another object of that type has the id.
      const children = childrenOf(list.type, list.link, id).filter((child) => {
        const entity = list.entity ? asType(child[list.entity]) : undefined;
        return !entity || entity === type || !idsOf(entity).has(id);
      });
      if (children.length) object[property] = children.map((child) => nest(list.type, child));
    }
    for (const [property, ref] of Object.entries(spec.refs)) {
      const target = present(row[ref.key]) ? idsOf(ref.type).get(String(row[ref.key])) : undefined;
      if (target) object[property] = nest(ref.type, target);
    }
    return object;
  };

  const services = (tables.service ?? []).map((row) => nest('service', row));
  const serviceIds = new Set((tables.service ?? []).map((row) => String(row.id)));
  for (const type of HSDS_TYPES) {
    if (type === 'service' || !HSDS_OBJECTS[type].columns.includes('service_id')) continue;
    for (const row of tables[type] ?? []) {
      if (present(row.service_id) && !serviceIds.has(String(row.service_id))) {
        skipped.push({ record: type, id: String(row.id), reason: `hoort bij dienst ${row.service_id}, die niet in ${HSDS_OBJECTS.service.path} staat` });
      }
    }
  }
  const everyId = new Set(HSDS_TYPES.flatMap((type) => (tables[type] ?? []).map((row) => String(row.id))));
  for (const row of tables.attribute ?? []) {
    if (!everyId.has(String(row.link_id))) {
      skipped.push({ record: 'attribute', id: String(row.id), ...(present(row.label) ? { name: String(row.label) } : {}), reason: `koppelt aan ${row.link_id}, dat in geen tabel van het pakket staat` });
    }
  }
  const terms = (tables.taxonomy_term ?? []).map((row) => nest('taxonomy_term', row));
  return { services, skipped, terms };
}

/** Flattens nested services into the package's tables: each object once, with every link it has. */
export function toTables(services: readonly Record<string, unknown>[]): Tables {
  const tables = new Map<HsdsType, Map<string, Row>>(HSDS_TYPES.map((type) => [type, new Map()]));
  const flatten = (type: HsdsType, object: Record<string, unknown>, links: Row, entity?: { column: string; type: HsdsType }) => {
    if (!present(object.id as Cell)) return;
    const rows = tables.get(type)!;
    const id = String(object.id);
    const row: Row = rows.get(id) ?? {};
    const spec = HSDS_OBJECTS[type];
    for (const column of spec.columns) {
      const value = object[column];
      if (!present(row[column]) && isScalar(value) && value !== '') row[column] = typeof value === 'boolean' ? String(value) : value;
    }
    // The parent's link wins over a stale one in the object; a row under two parents keeps both.
    for (const [column, value] of Object.entries(links)) if (present(value)) row[column] = value;
    if (entity && !present(row[entity.column])) row[entity.column] = entity.type;
    rows.set(id, row);
    for (const [property, list] of Object.entries(spec.lists)) {
      const children = object[property];
      if (!Array.isArray(children)) continue;
      for (const child of children) {
        if (isRecord(child)) flatten(list.type, child, { [list.link]: id }, list.entity ? { column: list.entity, type } : undefined);
      }
    }
    for (const [property, ref] of Object.entries(spec.refs)) {
      const target = object[property];
      if (!isRecord(target) || !present(target.id as Cell)) continue;
      flatten(ref.type, target, {});
      row[ref.key] = target.id as Cell;
    }
  };
  for (const service of services) flatten('service', service, {});
  return Object.fromEntries([...tables].filter(([, rows]) => rows.size > 0).map(([type, rows]) => [type, [...rows.values()]])) as Tables;
}

/** The package's files: datapackage.json and one CSV per table, with every HSDS column. */
export function writeCsvPackage(tables: Tables, descriptor: { name: string; title: string; description: string }): Record<string, string> {
  const files: Record<string, string> = {};
  const resources = [];
  for (const type of HSDS_TYPES) {
    const rows = tables[type];
    if (!rows) continue;
    const { path, columns, numbers } = HSDS_OBJECTS[type];
    files[path] = stringify(rows, { header: true, columns: [...columns] });
    resources.push({
      name: type,
      path,
      profile: 'tabular-data-resource',
      format: 'csv',
      mediatype: 'text/csv',
      encoding: 'utf-8',
      schema: { fields: columns.map((column) => ({ name: column, type: numbers.includes(column) ? 'number' : 'string' })), primaryKey: 'id' },
    });
  }
  files['datapackage.json'] = `${JSON.stringify({ ...descriptor, profile: 'tabular-data-package', resources }, null, 2)}\n`;
  return files;
}
