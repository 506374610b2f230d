import type { ComponentChildren } from 'preact';
import type { PracticalInfo } from '#shared/domain/kaart-practical.ts';
import { Facts } from './page.tsx';

// Address, opening hours, phones, cost and how to apply, as the kaart has them: on an entry, and
// with each match (shared/domain/kaart-practical.ts makes them from what the source's HSDS said).

/** Only web addresses become links: what a source calls a url is not trusted to be one. */
const safeLink = (url: string, label: ComponentChildren = url) => (/^https?:\/\//i.test(url) ? <a href={url} rel="noopener noreferrer" target="_blank">{label}</a> : url);

const lines = (items: readonly ComponentChildren[]) =>
  items.length === 0 ? undefined : items.length === 1 ? items[0] : (
    <ul class="practical-lines">
      {items.map((item, index) => (
        <li key={index}>{item}</li>
      ))}
    </ul>
  );

export function PracticalFacts({ info }: { info: PracticalInfo }) {
  const places = info.places.map((place) => (
    <>
      {place.name ? <strong>{place.name}</strong> : null}
      {place.name && (place.address || place.online) ? ', ' : ''}
      {place.address ?? (place.online ? safeLink(place.online, 'online') : '')}
      {place.accessibility ? <span class="muted"> ({place.accessibility})</span> : null}
    </>
  ));
  const phones = info.phones.map((phone) => (
    <>
      <a href={`tel:${phone.number.replace(/[^\d+]/g, '')}`}>{phone.number}</a>
      {phone.extension ? `, toestel ${phone.extension}` : ''}
      {phone.kind && phone.kind !== 'telefoon' ? ` (${phone.kind})` : ''}
      {phone.note ? <span class="muted"> · {phone.note}</span> : null}
    </>
  ));
  return (
    <div class="practical">
      <Facts
        items={[
          ['Let op', info.alert],
          [info.places.length > 1 ? 'Adressen' : 'Adres', lines(places)],
          ['Openingstijden', lines(info.openingHours)],
          [info.phones.length > 1 ? 'Telefoonnummers' : 'Telefoon', lines(phones)],
          ['Kosten', info.cost],
          ['Aanmelden', info.howToApply],
          ['Voor wie', info.forWhom],
          ['Meenemen', lines(info.documents)],
          ['Website', info.website ? safeLink(info.website) : undefined],
        ]}
      />
    </div>
  );
}
