// The form that updates an entry's places and waiting time (PUT /kaart/{serviceId}/availability),
// checked in the browser with the API's own schema, its errors in Dutch at their fields. Pure: no
// DOM, unit-tested on its own.
import { AvailabilityUpdateSchema, MAX_CAPACITY, MAX_WAITING_WEEKS, type AvailabilityUpdate, type ServiceEntry } from '#shared/domain/sociale-kaart.ts';

export interface AvailabilityForm {
  /** A number of places, or no limit (a walk-in, a phone line). */
  capacityKind: 'number' | 'none';
  capacity: string;
  waitingWeeks: string;
}

export type AvailabilityField = 'capacity' | 'waitingWeeks';
export type AvailabilityErrors = Partial<Record<AvailabilityField | 'form', string>>;

/** The form's ids, so an error can move the focus to its field. */
export const AVAILABILITY_FIELD_IDS: Record<AvailabilityField, string> = { capacity: 'availability-capacity', waitingWeeks: 'availability-waitingWeeks' };

const MESSAGES: Record<AvailabilityField, string> = {
  capacity: `Vul het aantal plaatsen in als heel getal van 0 tot ${MAX_CAPACITY.toLocaleString('nl-NL')}, of kies ‘geen limiet’.`,
  waitingWeeks: `Vul de wachttijd in weken in: een getal van 0 tot ${MAX_WAITING_WEEKS}, zoals 3 of 2,5.`,
};

export function availabilityForm(entry: Pick<ServiceEntry, 'capacity' | 'waitingWeeks'>): AvailabilityForm {
  return {
    capacityKind: entry.capacity === null ? 'none' : 'number',
    capacity: entry.capacity === null ? '' : String(entry.capacity),
    waitingWeeks: String(entry.waitingWeeks).replace('.', ','),
  };
}

/** "12" → 12, "2,5" → 2.5; anything else stays as typed, for the schema to refuse. */
const numberOf = (text: string): number | string => {
  const trimmed = text.trim().replace(',', '.');
  return /^\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : text.trim();
};

/**
 * What the form asks the API to change: only what differs from the entry, checked with the API's
 * own schema. `unchanged` when there is nothing to send; otherwise the errors per field in Dutch.
 */
export function availabilityUpdate(
  form: AvailabilityForm,
  entry: Pick<ServiceEntry, 'capacity' | 'waitingWeeks'>,
): { update: AvailabilityUpdate } | { unchanged: true } | { errors: AvailabilityErrors } {
  const capacity = form.capacityKind === 'none' ? null : form.capacity.trim() === '' ? '' : numberOf(form.capacity);
  const waitingWeeks = form.waitingWeeks.trim() === '' ? '' : numberOf(form.waitingWeeks);
  const parsed = AvailabilityUpdateSchema.safeParse({ capacity, waitingWeeks });
  if (!parsed.success) return { errors: errorsOf(parsed.error.issues) };
  const update: AvailabilityUpdate = {
    ...(parsed.data.capacity !== entry.capacity ? { capacity: parsed.data.capacity ?? null } : {}),
    ...(parsed.data.waitingWeeks !== entry.waitingWeeks ? { waitingWeeks: parsed.data.waitingWeeks! } : {}),
  };
  return Object.keys(update).length ? { update } : { unchanged: true };
}

/** Errors of the schema (in the browser) or of the API's 400 (`errors: [{path}]`), in Dutch at their fields. */
export function errorsOf(issues: readonly { path: readonly PropertyKey[] | string }[]): AvailabilityErrors {
  const errors: AvailabilityErrors = {};
  for (const issue of issues) {
    const field = (typeof issue.path === 'string' ? issue.path.split('.') : issue.path.map(String))[0];
    if (field === 'capacity' || field === 'waitingWeeks') errors[field] ??= MESSAGES[field];
    else errors.form ??= 'Vul het aantal plaatsen of de wachttijd in.';
  }
  return errors;
}
