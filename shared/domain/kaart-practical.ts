import type { ServiceEntry } from './sociale-kaart.ts';
import { COST_LABELS } from './vocabulary.ts';

// What someone needs to go to or call an offer, in words: address, opening hours, phone, cost, how
// to apply. From what the source's HSDS said (kept with the entry, `hsds`), or from our own fields
// for an entry made here. Shown on the kaart entry and with every match (docs/sociale-kaart.md,
// "What is kept"). Pure, no zod: the web app and matching import it.

export interface PracticalInfo {
  /** Where the offer is given: a location's name, its address in one line, how accessible it is. */
  places: { name?: string; address?: string; accessibility?: string; online?: string }[];
  /** Opening hours, one line per schedule: "ma, di en wo 09:00–12:00". */
  openingHours: string[];
  phones: { number: string; extension?: string; kind?: string; note?: string }[];
  cost: string;
  howToApply: string;
  website?: string;
  forWhom?: string;
  documents: string[];
  /** A notice the source puts on the offer (closed for the holidays, moved online). */
  alert?: string;
}

type Node = Record<string, unknown>;
const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && !Array.isArray(value);
const nodes = (value: unknown): Node[] => (Array.isArray(value) ? value.filter(isNode) : []);
const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value.trim() : typeof value === 'number' ? String(value) : undefined);

const DAYS: Record<string, string> = { MO: 'ma', TU: 'di', WE: 'wo', TH: 'do', FR: 'vr', SA: 'za', SU: 'zo' };
const ORDER = Object.keys(DAYS);
const PHONE_KINDS: Record<string, string> = { voice: 'telefoon', text: 'sms', fax: 'fax', cell: 'mobiel', video: 'video', pager: 'pieper', textphone: 'teksttelefoon' };

/** "ma, di en wo"; three or more days in a row read "ma t/m vr". */
function days(byday: string): string {
  const parts = byday.split(',').map((part) => part.trim().toUpperCase()).filter(Boolean);
  const plain = parts.every((part) => DAYS[part]);
  if (!plain) {
    // "1MO" is the first Monday of the month, "-1FR" the last Friday.
    return join(parts.map((part) => {
      const match = /^(-?\d+)([A-Z]{2})$/.exec(part);
      if (!match || !DAYS[match[2]!]) return part.toLowerCase();
      const nth = Number(match[1]);
      return `${nth === -1 ? 'laatste' : `${nth}e`} ${DAYS[match[2]!]} van de maand`;
    }));
  }
  const indexes = parts.map((part) => ORDER.indexOf(part)).sort((a, b) => a - b);
  const consecutive = indexes.length >= 3 && indexes.every((index, position) => position === 0 || index === indexes[position - 1]! + 1);
  if (consecutive) return `${DAYS[ORDER[indexes[0]!]!]} t/m ${DAYS[ORDER[indexes.at(-1)!]!]}`;
  return join(indexes.map((index) => DAYS[ORDER[index]!]!));
}

const join = (items: string[]) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} en ${items.at(-1)}`);
const time = (value: unknown) => text(value)?.replace(/^(\d{1,2}:\d{2})(:\d{2})?.*$/, '$1');
const date = (value: unknown) => {
  const found = /^(\d{4})-(\d{2})-(\d{2})/.exec(text(value) ?? '');
  return found ? `${Number(found[3])}-${Number(found[2])}-${found[1]}` : text(value);
};

/** One HSDS schedule in words, or undefined when it says nothing a person can use. */
export function describeSchedule(schedule: Node): string | undefined {
  const when = [schedule.byday ? days(String(schedule.byday)) : schedule.freq === 'MONTHLY' && text(schedule.bymonthday) ? `de ${text(schedule.bymonthday)}e van de maand` : undefined];
  const opens = time(schedule.opens_at);
  const closes = time(schedule.closes_at);
  if (opens || closes) when.push(opens && closes ? `${opens}–${closes}` : opens ? `vanaf ${opens}` : `tot ${closes}`);
  const from = date(schedule.valid_from);
  const to = date(schedule.valid_to);
  const period = from && to ? (from === to ? `op ${from}` : `van ${from} tot en met ${to}`) : from ? `vanaf ${from}` : to ? `tot en met ${to}` : undefined;
  const line = [when.filter(Boolean).join(' '), period].filter(Boolean).join(', ');
  const description = text(schedule.description);
  if (!line) return description;
  return description ? `${line}: ${description}` : line;
}

function address(location: Node): string | undefined {
  const all = nodes(location.addresses);
  const chosen = all.find((candidate) => candidate.address_type === 'physical') ?? all[0];
  if (!chosen) return undefined;
  const place = [text(chosen.postal_code), text(chosen.city)].filter(Boolean).join(' ');
  return [text(chosen.address_1), text(chosen.address_2), place].filter(Boolean).join(', ') || undefined;
}

/** Two texts as one: "a: b", or "a. b" when the first already ends a sentence. */
const sentences = (first: string | undefined, second: string | undefined) => (first && second ? `${first}${/[.!?]$/.test(first) ? ' ' : ': '}${second}` : (first ?? second ?? ''));

const unique = <T>(items: T[], key: (item: T) => string) => {
  const seen = new Set<string>();
  return items.filter((item) => !seen.has(key(item)) && seen.add(key(item)));
};

/** The practical details of an entry, for people. */
export function practicalInfo(entry: ServiceEntry): PracticalInfo {
  const service: Node = (entry.hsds?.service as Node | undefined) ?? {};
  const places = nodes(service.service_at_locations);
  const locations = places.map((place) => place.location).filter(isNode);

  const placeInfo = unique(
    locations.map((location) => {
      const accessibility = nodes(location.accessibility).map((item) => sentences(text(item.description), text(item.details))).filter(Boolean);
      const online = location.location_type === 'virtual' ? text(location.url) : undefined;
      return {
        ...(text(location.name) ? { name: text(location.name)! } : {}),
        ...(address(location) ? { address: address(location)! } : {}),
        ...(accessibility.length ? { accessibility: accessibility.join('; ') } : {}),
        ...(online ? { online } : {}),
      };
    }),
    (place) => JSON.stringify(place),
  ).filter((place) => Object.keys(place).length > 0);

  const schedules = unique([...nodes(service.schedules), ...places.flatMap((place) => nodes(place.schedules)), ...locations.flatMap((location) => nodes(location.schedules))], (schedule) => String(schedule.id ?? JSON.stringify(schedule)));
  const openingHours = unique(schedules.map(describeSchedule).filter((line): line is string => !!line), (line) => line);

  const sourcePhones = [...nodes(service.phones), ...places.flatMap((place) => nodes(place.phones)), ...nodes(service.contacts).flatMap((contact) => nodes(contact.phones)), ...locations.flatMap((location) => nodes(location.phones))];
  const phones = unique(
    sourcePhones
      .map((phone) => ({
        number: text(phone.number)?.replace(/^"(.*)"$/, '$1') ?? '',
        ...(text(phone.extension) ? { extension: text(phone.extension)! } : {}),
        ...(typeof phone.type === 'string' && PHONE_KINDS[phone.type] ? { kind: PHONE_KINDS[phone.type]! } : {}),
        ...(text(phone.description) ? { note: text(phone.description)! } : {}),
      }))
      .filter((phone) => phone.number),
    (phone) => `${phone.number}/${phone.extension ?? ''}`,
  );
  if (!phones.length && entry.contact.phone) phones.push({ number: entry.contact.phone });

  const options = nodes(service.cost_options).map((option) => {
    const amount = typeof option.amount === 'number' ? `${option.amount.toLocaleString('nl-NL', { minimumFractionDigits: Number.isInteger(option.amount) ? 0 : 2 })}${text(option.currency) ? ` ${String(option.currency).toUpperCase()}` : ''}` : undefined;
    return [text(option.option), [amount, text(option.amount_description)].filter(Boolean).join(' ')].filter(Boolean).join(': ');
  });
  const cost = [text(service.fees_description), ...options.filter(Boolean)].filter(Boolean).join(' ') || `${COST_LABELS[entry.cost][0]!.toUpperCase()}${COST_LABELS[entry.cost].slice(1)}.`;
  const howToApply =
    text(service.application_process) ??
    (entry.referralNeeded ? 'Met een verwijzing van de huisarts, de POH-ggz of het wijkteam.' : 'Zonder verwijzing: de cliënt of een verwijzer neemt zelf contact op.');
  const documents = nodes(service.required_documents).map((document) => text(document.document)).filter((document): document is string => !!document);

  return {
    places: placeInfo,
    openingHours,
    phones,
    cost,
    howToApply,
    ...(text(service.url) ? { website: text(service.url)! } : {}),
    ...(text(service.eligibility_description) ? { forWhom: text(service.eligibility_description)! } : {}),
    documents,
    ...(text(service.alert) ? { alert: text(service.alert)! } : {}),
  };
}

/** The source's own taxonomy terms on the entry, in words: "Schulden (Sociale Kaart Oudstad)". */
export function sourceTermNames(entry: ServiceEntry): string[] {
  const service: Node = (entry.hsds?.service as Node | undefined) ?? {};
  return unique(
    nodes(service.attributes)
      .map((attribute) => (isNode(attribute.taxonomy_term) ? attribute.taxonomy_term : undefined))
      .filter(isNode)
      .map((term) => {
        const taxonomy = (isNode(term.taxonomy_detail) ? text(term.taxonomy_detail.name) : undefined) ?? text(term.taxonomy);
        return `${text(term.name) ?? String(term.id)}${taxonomy ? ` (${taxonomy})` : ''}`;
      }),
    (name) => name,
  );
}
