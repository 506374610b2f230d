import type { ComponentChildren } from 'preact';
import { formatPhone } from '#shared/domain/phone-format.ts';
import type { ClientContactView } from '#shared/domain/referral-view.ts';
import { PREFERRED_CHANNEL_LABELS } from '#shared/domain/vocabulary.ts';
import { telHref } from './notice.tsx';

/** A phone number to read and to tap: formatted as people write it, a tel: link underneath. */
export function PhoneLink({ phone }: { phone: string }) {
  const tel = telHref(phone);
  const shown = formatPhone(phone);
  return tel ? <a href={tel}>{shown}</a> : <>{shown}</>;
}

export function EmailLink({ email }: { email: string }) {
  return <a href={`mailto:${email}`}>{email}</a>;
}

/** Whom to call: a name with their phone and e-mail as links, in one block. */
export function PersonContact({ name, phone, email, children }: { name: string; phone?: string | null; email?: string | null; children?: ComponentChildren }) {
  return (
    <div class="person-contact">
      <p class="person-contact-name">
        <strong>{name}</strong>
      </p>
      <ul class="person-contact-ways">
        {phone ? (
          <li>
            <span class="muted">Telefoon </span>
            <PhoneLink phone={phone} />
          </li>
        ) : null}
        {email ? (
          <li>
            <span class="muted">E-mail </span>
            <EmailLink email={email} />
          </li>
        ) : null}
      </ul>
      {children}
    </div>
  );
}

/** How to reach the client, as entered by the referrer, or that it goes through the practice. */
export function ClientContactFacts({ contact }: { contact: ClientContactView | null }) {
  if (contact === null) return <p class="muted">De contactgegevens zijn er niet (meer). Vraag ze aan de verwijzer.</p>;
  const ways: [string, ComponentChildren][] = [];
  if (contact.phone) ways.push(['Telefoon', <PhoneLink phone={contact.phone} />]);
  if (contact.email) ways.push(['E-mail', <EmailLink email={contact.email} />]);
  if (contact.preferredChannel) ways.push(['Liefst', PREFERRED_CHANNEL_LABELS[contact.preferredChannel]]);
  if (contact.bestTimes) ways.push(['Best bereikbaar', contact.bestTimes]);
  if (contact.note) ways.push(['Goed om te weten', contact.note]);
  return (
    <>
      {contact.viaReferrer ? <p>Bereik de cliënt via de verwijzer (de praktijk): de cliënt gaf geen telefoon of e-mail, of wil dat liever zo.</p> : null}
      {ways.length ? (
        <dl class="facts">
          {ways.map(([label, value]) => (
            <div class="fact" key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      ) : null}
    </>
  );
}
