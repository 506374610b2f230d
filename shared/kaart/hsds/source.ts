import * as z from '../../domain/zod.ts';
import { hsdsId, UUID } from './ids.ts';
import { HSDS_OBJECTS, isRecord, isScalar, linkTarget, type HsdsType } from './objects.ts';

// What the source said about a service beyond our own fields, kept with the entry (`hsds`) so an
// export gives it back: locations and addresses, opening hours, phones, urls, cost options,
// required documents, the organisation's details, the source's taxonomy terms... Kept as HSDS 3.1
// objects, cleaned so that what we publish validates: no nulls or empty text, ids as UUIDs (an id
// that is none becomes a name-based UUID of what it is, the same on every import), values that
// break their format repaired or left out (and said), links implied by nesting left out.

export interface SourceCleaning {
  /** The crosswalk's idPrefix: two sources' "1" stay apart. */
  idPrefix: string;
  /** What was repaired or left out, by field: "service.url": 3. */
  notes: Map<string, number>;
}

/** An id as a UUID: itself (lower case) when it is one, else a name-based UUID of its type and value. */
export function sourceUuid(idPrefix: string, type: HsdsType | 'link', id: string): string {
  const lower = id.trim().toLowerCase();
  return UUID.test(lower) ? lower : hsdsId('bron', `${idPrefix}${type}`, id.trim());
}

const EMAIL = z.email();
const DATE_TIME = z.iso.datetime({ offset: true });
const URI = /^[a-z][a-z0-9+.-]*:[^\s<>"{}|\\^`]+$/i;
const HOST = /^(www\.)?[\w-]+(\.[\w-]+)+(\/\S*)?$/i;

/** A value in its format, repaired where that is unambiguous ("www.x.nl" → "https://www.x.nl"); undefined when it cannot be. */
function inFormat(format: 'uri' | 'email' | 'date-time', value: string): string | undefined {
  const trimmed = value.trim();
  if (format === 'uri') {
    if (URI.test(trimmed)) return trimmed;
    if (HOST.test(trimmed)) return `https://${trimmed}`;
    return undefined;
  }
  if (format === 'email') return EMAIL.safeParse(trimmed).success ? trimmed : undefined;
  if (DATE_TIME.safeParse(trimmed).success) return trimmed;
  if (/^\d{4}-\d{2}-\d{2}$/.test(trimmed)) return `${trimmed}T00:00:00Z`;
  const parsed = Date.parse(trimmed);
  return Number.isNaN(parsed) ? undefined : new Date(parsed).toISOString();
}

const note = (cleaning: SourceCleaning, key: string) => cleaning.notes.set(key, (cleaning.notes.get(key) ?? 0) + 1);

/**
 * The columns that link a row to the object it belongs to in the CSV form. Nested, the nesting says
 * it (HSDS JSON has no `service_id` in a service's phone); kept, a source would read differently as
 * JSON and as CSV, where one row carries every link it has. An export writes them again.
 */
const LINK_COLUMNS = new Set(['organization_id', 'service_id', 'service_at_location_id', 'location_id', 'contact_id', 'phone_id', 'link_id', 'resource_id']);

/** One HSDS object of `type`, cleaned, with everything nested in it; `nested` when it is inside another. */
export function cleanObject(type: HsdsType, object: Record<string, unknown>, cleaning: SourceCleaning, nested = false): Record<string, unknown> {
  const spec = HSDS_OBJECTS[type];
  const refKeys = new Set(Object.values(spec.refs).map((ref) => ref.key));
  // A link to a nested object (an attribute's taxonomy_term_id beside its taxonomy_term) is the object's id: kept once, written again on export.
  const nestedRefKeys = new Set(Object.entries(spec.refs).filter(([property]) => isRecord(object[property])).map(([, ref]) => ref.key));
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(object)) {
    if (value === null || value === undefined || nestedRefKeys.has(field) || (nested && LINK_COLUMNS.has(field) && !refKeys.has(field))) continue;
    const list = spec.lists[field];
    const ref = spec.refs[field];
    if (list) {
      if (!Array.isArray(value)) continue;
      const items = value.filter(isRecord).map((item) => cleanObject(list.type, item, cleaning, true));
      if (items.length) out[field] = items;
      continue;
    }
    if (ref) {
      if (isRecord(value)) out[field] = cleanObject(ref.type, value, cleaning, true);
      continue;
    }
    if (!isScalar(value)) {
      // An extension of a profile: kept as it is.
      out[field] = value;
      continue;
    }
    if (typeof value === 'string' && value.trim() === '') continue;
    const format = spec.formats[field];
    if (format === 'uuid') {
      const target = field === 'id' ? type : (linkTarget(type, field, object) ?? 'link');
      out[field] = sourceUuid(cleaning.idPrefix, target, String(value));
    } else if (format) {
      const fixed = inFormat(format, String(value));
      if (fixed === undefined) note(cleaning, `${type}.${field}`);
      else out[field] = fixed;
    } else if (spec.numbers.includes(field)) {
      const number = typeof value === 'number' ? value : Number(String(value).trim().replace(',', '.'));
      if (Number.isFinite(number) && String(value).trim() !== '') out[field] = number;
      else note(cleaning, `${type}.${field}`);
    } else if (spec.enums[field] && !spec.enums[field]!.includes(String(value))) {
      const match = spec.enums[field]!.find((allowed) => allowed.toLowerCase() === String(value).trim().toLowerCase());
      if (match) out[field] = match;
      else note(cleaning, `${type}.${field}`);
    } else out[field] = value;
  }
  return out;
}

/** The notes as one sentence for the import's report, or none. */
export function cleaningNotice(notes: Map<string, number>): string | undefined {
  if (!notes.size) return undefined;
  const parts = [...notes].map(([field, count]) => `${field} (${count}×)`);
  return `Waarden die niet in hun HSDS-formaat staan (een url zonder http, een ongeldig e-mailadres, tekst waar een getal hoort) zijn niet overgenomen: ${parts.join(', ')}.`;
}

/** Every id in an object tree: what an export of ours generated, to leave out when ours is imported back. */
export function idsIn(node: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const item of node) idsIn(item, into);
  else if (isRecord(node)) {
    if (typeof node.id === 'string') into.add(node.id);
    for (const value of Object.values(node)) if (typeof value === 'object') idsIn(value, into);
  }
  return into;
}

/** Leaves out of a list what our export generated (by id); undefined when nothing is left. */
export function withoutGenerated(items: unknown, generated: ReadonlySet<string>): Record<string, unknown>[] | undefined {
  if (!Array.isArray(items)) return undefined;
  const kept = items.filter((item): item is Record<string, unknown> => isRecord(item) && !generated.has(String(item.id)));
  return kept.length ? kept : undefined;
}
