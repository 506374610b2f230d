import type { PreferredChannel } from '#shared/domain/referral.ts';
import { RadioGroup, SelectField, TextField } from '../../components/field.tsx';
import type { ReferralForm, YesNo } from './referral-form-model.ts';

const PREFERRED_CHANNEL_OPTIONS: { value: PreferredChannel; label: string }[] = [
  { value: 'phone', label: 'Bellen' },
  { value: 'email', label: 'E-mail' },
  { value: 'post', label: 'Een brief (via de praktijk)' },
  { value: 'in-person', label: 'Persoonlijk (bijvoorbeeld op de praktijk)' },
];

type Contact = ReferralForm['contact'];
type FieldProps = (id: string) => { id: string; error: string | undefined; onBlur: () => void };

/**
 * How the contact person reaches the client, in the referral form: directly (phone, e-mail, the
 * best times) or through the practice, and whether the client letter may go to their e-mail. Kept
 * apart from the referral and shown only to those who contact the client; the hints say so.
 */
export function ClientContactFields({ contact, field, change }: { contact: Contact; field: FieldProps; change: <K extends keyof Contact>(key: K, value: Contact[K]) => void }) {
  const direct = contact.reach === 'direct';
  return (
    <section class="section" aria-labelledby="contact-title">
      <h2 id="contact-title">Contact met de cliënt</h2>
      <p class="field-hint">
        Zo kan de contactpersoon de cliënt binnen een paar dagen zelf bellen of mailen. Alleen de contactpersoon ziet deze gegevens, en de
        overbruggingspartner als de cliënt toestemming geeft om met partners te delen. Ze staan nooit in een e-mail.
      </p>
      <RadioGroup
        id="contact-reach"
        name="contact-reach"
        legend="Hoe bereikt de contactpersoon de cliënt?"
        options={[
          { value: 'direct', label: 'Rechtstreeks, met het telefoonnummer of e-mailadres hieronder' },
          { value: 'via-referrer', label: 'Via mij (de praktijk): de cliënt wil of kan liever niet rechtstreeks' },
        ]}
        value={contact.reach}
        onChange={(value: Contact['reach']) => change('reach', value)}
      />
      {direct ? (
        <div class="grid-2 reveal">
          <TextField {...field('contact-phone')} label="Telefoon van de cliënt" type="tel" autoComplete="off" hint="Bijvoorbeeld 06-12345678." value={contact.phone} onInput={(event) => change('phone', event.currentTarget.value)} />
          <TextField {...field('contact-email')} label="E-mail van de cliënt" optional type="email" autoComplete="off" value={contact.email} onInput={(event) => change('email', event.currentTarget.value)} />
          <SelectField
            {...field('contact-preferredChannel')}
            label="Liefst contact via"
            options={PREFERRED_CHANNEL_OPTIONS}
            placeholder="Maakt niet uit"
            value={contact.preferredChannel}
            onChange={(value) => change('preferredChannel', value as PreferredChannel | '')}
          />
          <TextField
            {...field('contact-bestTimes')}
            label="Wanneer het best bereikbaar"
            optional
            hint="Bijvoorbeeld: na 15.00 uur, niet op woensdag."
            maxLength={200}
            value={contact.bestTimes}
            onInput={(event) => change('bestTimes', event.currentTarget.value)}
          />
        </div>
      ) : null}
      <TextField
        {...field('contact-note')}
        label="Iets dat de contactpersoon moet weten om contact te leggen"
        optional
        hint="Bijvoorbeeld: spreekt liever Engels aan de telefoon. Hoogstens 200 tekens."
        maxLength={200}
        value={contact.note}
        onInput={(event) => change('note', event.currentTarget.value)}
      />
      {direct && contact.email.trim() ? (
        <RadioGroup
          {...field('contact-emailClient')}
          name="contact-emailClient"
          legend="Mag Overbrug de brief voor de cliënt ook naar dit e-mailadres sturen?"
          hint="In de brief staat wie de cliënt belt en wanneer, wie helpt tijdens het wachten, en wie de cliënt belt in een crisis. Vraag het de cliënt."
          inline
          options={[
            { value: 'yes', label: 'Ja' },
            { value: 'no', label: 'Nee' },
          ]}
          value={contact.emailClient}
          onChange={(value: YesNo) => change('emailClient', value)}
        />
      ) : null}
    </section>
  );
}
