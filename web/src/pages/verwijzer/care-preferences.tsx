import { MAX_OWN_WORDS_CHARS } from '#shared/domain/care-preferences.ts';
import { NAASTE_BURDEN_LABELS, NAASTE_BURDENS, WISH_LABELS, WISHES, type NaasteBurden } from '#shared/domain/vocabulary.ts';
import { CheckboxGroup, RadioGroup, TextArea } from '../../components/field.tsx';
import { capitalise } from '../../components/format.ts';
import { newCarePreferences, type CarePreferencesForm } from './care-preferences-model.ts';

/**
 * The client's wishes and limits, as choices and in their own words (`004:603-605`), and, when the
 * client lets naasten be involved, how the naaste is doing (`004:745-761`). Matching respects the
 * wishes; a burdened naaste gets support of their own.
 */
export function CarePreferencesFields({
  care = newCarePreferences(),
  involveNaasten,
  onChange,
  field,
  heading: Heading = 'h2',
}: {
  care: CarePreferencesForm | undefined;
  involveNaasten: boolean;
  onChange: (care: CarePreferencesForm, ...fieldIds: string[]) => void;
  field: (id: string) => { id: string; error: string | undefined; onBlur: () => void };
  /** The heading level of its sections: h3 inside the case page's intake form. */
  heading?: 'h2' | 'h3';
}) {
  const set = <K extends keyof CarePreferencesForm>(key: K, value: CarePreferencesForm[K], id: string) => onChange({ ...care, [key]: value }, id);
  return (
    <>
      <section class="section" aria-labelledby="wishes-title">
        <Heading id="wishes-title">Wensen van de cliënt</Heading>
        <p class="field-hint">Wat wil de cliënt wel en niet? Overbrug zoekt aanbod dat daarbij past, en zegt het als daardoor iets niet lukt.</p>
        <CheckboxGroup
          {...field('wishes-choices')}
          legend="De cliënt wil"
          inline
          options={WISHES.map((wish) => ({ value: wish, label: capitalise(WISH_LABELS[wish]) }))}
          values={care.wishes}
          onChange={(wishes) => set('wishes', wishes, 'wishes-choices')}
        />
        <TextArea
          {...field('wishes-ownWords')}
          label="In de woorden van de cliënt"
          hint="Bijvoorbeeld: wat eerder hielp of juist niet, wat de cliënt zelf wil proberen."
          optional
          maxLength={MAX_OWN_WORDS_CHARS}
          rows={2}
          value={care.ownWords}
          onInput={(event) => set('ownWords', event.currentTarget.value, 'wishes-ownWords')}
        />
      </section>
      {involveNaasten ? (
        <section class="section reveal" aria-labelledby="naaste-title">
          <Heading id="naaste-title">De naaste</Heading>
          <p class="field-hint">De cliënt wil dat naasten betrokken worden. Hoe gaat het met de naaste die het meest voor de cliënt zorgt? Is de naaste belast, dan krijgt die ook zelf steun aangeboden.</p>
          <RadioGroup
            {...field('naaste-burden')}
            name="naaste-burden"
            legend="Hoe belast is de naaste?"
            inline
            options={[{ value: '' as const, label: 'Niet gevraagd of niet belast' }, ...NAASTE_BURDENS.map((burden) => ({ value: burden, label: capitalise(NAASTE_BURDEN_LABELS[burden]) }))]}
            value={care.naasteBurden}
            onChange={(burden: NaasteBurden | '') => set('naasteBurden', burden, 'naaste-burden')}
          />
          <TextArea
            {...field('naaste-needs')}
            label="Wat heeft de naaste nodig?"
            hint="In de woorden van de naaste. Alleen de contactpersoon leest dit."
            optional
            maxLength={MAX_OWN_WORDS_CHARS}
            rows={2}
            value={care.naasteNeeds}
            onInput={(event) => set('naasteNeeds', event.currentTarget.value, 'naaste-needs')}
          />
        </section>
      ) : null}
    </>
  );
}
