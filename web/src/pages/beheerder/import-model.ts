// The HSDS import page's logic: which files make which request (`POST /kaart/import`), its size
// against the API's limit, and the answers and refusals in Dutch. Pure: no DOM, unit-tested.
import type { SkippedRecord } from '#shared/kaart/hsds/schema.ts';
import type { CrosswalkInput } from '#shared/kaart/hsds/crosswalk.ts';
import type { Provenance, SourceVocabulary } from '#shared/kaart/hsds/import.ts';
import { decodeText, ENCODING_NAMES } from '#shared/kaart/hsds/decode.ts';
import { IMPORT_FILE_NAME, MAX_IMPORT_BYTES, PREVIEW_FIELDS, type ImportRequest } from '#shared/kaart/hsds/import-request.ts';
import type { ServiceEntry } from '#shared/domain/sociale-kaart.ts';
import type { ImportResult } from '#shared/domain/vocabulary.ts';

export type PreviewField = (typeof PREVIEW_FIELDS)[number];

/** A service a check would import: what it would get, and where each value came from. */
export interface PreviewItem {
  serviceId: string;
  name: string;
  organisation: string;
  values: Pick<ServiceEntry, PreviewField>;
  from: Partial<Record<PreviewField, Provenance>>;
}

export interface ImportAnswer {
  dryRun: boolean;
  version?: string;
  imported: { serviceId: string; name: string; result: ImportResult }[];
  skipped: SkippedRecord[];
  notices: string[];
  vocabulary?: SourceVocabulary;
  preview?: PreviewItem[];
}

/** A crosswalk the beheerder saved (`GET /kaart/crosswalks`). */
export interface SavedCrosswalk {
  crosswalkId: string;
  savedAt: string;
  crosswalk: CrosswalkInput;
}

/** A chosen file, read. */
export interface ReadFile {
  name: string;
  text: string;
  /** Said when the file was not UTF-8 (UTF-16, Windows-1252): read anyway. */
  note?: string;
}

/** A file's bytes as text, as the CLI reads them: by byte-order mark, else UTF-8, else Windows-1252. */
export function readFileText(name: string, bytes: Uint8Array): ReadFile {
  const decoded = decodeText(bytes);
  return { name, text: decoded.text, ...(decoded.encoding ? { note: `${name} is gelezen als ${ENCODING_NAMES[decoded.encoding]}.` } : {}) };
}

export type ImportFormat = ImportRequest['format'];

/** "850 bytes", "12 kB", "5,1 MB" (powers of 1024, as the limit is; rounded up, so a byte over 5 MB never reads as 5 MB). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.ceil(bytes / 1024)} kB`;
  return `${(Math.ceil((bytes / 1024 / 1024) * 10) / 10).toLocaleString('nl-NL')} MB`;
}

export const IMPORT_LIMIT_TEXT = formatBytes(MAX_IMPORT_BYTES);
/** What to do about an import over the limit, said the same wherever it is refused. */
export const TOO_BIG_ADVICE = `Overbrug neemt hoogstens ${IMPORT_LIMIT_TEXT} tegelijk aan. Splits de gegevens, bijvoorbeeld per organisatie, en importeer de delen na elkaar.`;

/**
 * Which kind of HSDS the chosen files are: one JSON file, or the files of a CSV data package (CSV
 * files, with datapackage.json among them when the package has one). Otherwise what is wrong.
 */
export function formatOf(names: readonly string[]): { format: ImportFormat } | { error: string } {
  if (names.length === 0) return { error: 'Kies het HSDS-bestand (JSON), of de bestanden van een HSDS CSV-pakket.' };
  const csv = names.some((name) => /\.csv$/i.test(name)) || names.some((name) => name.toLowerCase() === 'datapackage.json');
  if (!csv) {
    if (names.length === 1 && /\.json$/i.test(names[0]!)) return { format: 'json' };
    return { error: 'Kies één JSON-bestand, of alle bestanden van een CSV-pakket (de .csv-bestanden en datapackage.json) tegelijk.' };
  }
  const misnamed = names.filter((name) => !IMPORT_FILE_NAME.test(name));
  if (misnamed.length) {
    return { error: `Een CSV-pakket bestaat uit .csv-bestanden en datapackage.json, met namen zonder spaties zoals services.csv. Niet te gebruiken: ${misnamed.join(', ')}.` };
  }
  return { format: 'csv' };
}

/** A JSON file's contents, or why it cannot be read. */
export function parseJsonFile(file: ReadFile): { value: unknown } | { error: string } {
  try {
    return { value: JSON.parse(file.text) };
  } catch (error) {
    return { error: `${file.name} is geen geldige JSON (${(error as Error).message}).` };
  }
}

/**
 * The body of `POST /kaart/import` for the chosen files, or the errors that keep it from being
 * sent, per field of the form (`files`, `crosswalk`), in Dutch. A body over the API's limit is
 * refused here, with its size, instead of travelling to be refused there.
 */
export function importRequest(
  files: readonly ReadFile[],
  /** A crosswalk file, or one already at hand (saved, or built in the page). */
  crosswalkSource: ReadFile | { value: unknown } | undefined,
  dryRun: boolean,
): { body: ImportRequest } | { errors: Partial<Record<'files' | 'crosswalk', string>> } {
  const errors: Partial<Record<'files' | 'crosswalk', string>> = {};
  const kind = formatOf(files.map((file) => file.name));
  let crosswalk: unknown;
  if (crosswalkSource && 'value' in crosswalkSource) crosswalk = crosswalkSource.value;
  else if (crosswalkSource) {
    const parsed = parseJsonFile(crosswalkSource);
    if ('error' in parsed) errors.crosswalk = parsed.error;
    else crosswalk = parsed.value;
  }
  let body: ImportRequest | undefined;
  if ('error' in kind) errors.files = kind.error;
  else if (kind.format === 'json') {
    const parsed = parseJsonFile(files[0]!);
    if ('error' in parsed) errors.files = parsed.error;
    else body = { format: 'json', document: parsed.value };
  } else {
    body = { format: 'csv', files: Object.fromEntries(files.map((file) => [file.name, file.text])) };
  }
  if (!body || errors.crosswalk) return { errors };
  const request: ImportRequest = { ...body, ...(crosswalk === undefined ? {} : { crosswalk }), ...(dryRun ? { dryRun: true } : {}) };
  const bytes = new TextEncoder().encode(JSON.stringify(request)).byteLength;
  if (bytes > MAX_IMPORT_BYTES) {
    return {
      errors: {
        files: `De import is ${formatBytes(bytes)}; ${TOO_BIG_ADVICE}`,
      },
    };
  }
  return { body: request };
}

/** The API's refusal (400 `errors`) in words: which part of the import, and what is wrong. */
export function describeImportError(error: { path: string; message: string }): string {
  const [head = '', ...rest] = error.path.split('.');
  const where =
    head === 'crosswalk'
      ? `Crosswalk${rest.length ? ` (${rest.join('.')})` : ''}`
      : head === 'document'
        ? 'HSDS-bestand'
        : head === 'files'
          ? `CSV-pakket${rest.length ? ` (${rest.join('.')})` : ''}`
          : error.path || 'Import';
  return `${where}: ${error.message}`;
}

/** How many services each result has, in the order the page lists them. */
export function resultCounts(answer: ImportAnswer): { result: ImportResult; count: number }[] {
  const order: ImportResult[] = ['checked', 'created', 'updated', 'unchanged', 'other-region'];
  return order.map((result) => ({ result, count: answer.imported.filter((item) => item.result === result).length })).filter(({ result, count }) => count > 0 || (!answer.dryRun && result !== 'checked'));
}
