import type { SourceVocabulary } from '#shared/kaart/hsds/import.ts';
import {
  CHANNEL_LABELS,
  CHANNELS,
  COST_LABELS,
  COSTS,
  FUNCTIES,
  FUNDING_LABELS,
  FUNDING_SOURCES,
  LEVENSDOMEIN_INFO,
  LEVENSDOMEINEN,
  SERVICE_CATEGORIES,
  SERVICE_CATEGORY_LABELS,
} from '#shared/domain/vocabulary.ts';
import { Button } from '../../components/button.tsx';
import { CheckboxGroup, RadioGroup, SelectField, TextField, type Option } from '../../components/field.tsx';
import { Notice, type Tone } from '../../components/notice.tsx';
import { CROSSWALK_FIELD_IDS, termChoiceOf, type CrosswalkErrors, type CrosswalkForm, type TermChoice } from './crosswalk-model.ts';

// The crosswalk built in the import page: the source's terms onto levensdomeinen, soorten aanbod
// and functies; its service areas onto the region's gemeenten; defaults for what it does not say.

const DOMAIN_OPTIONS: Option<TermChoice['domain'] & string>[] = LEVENSDOMEINEN.map((domain) => ({ value: domain, label: LEVENSDOMEIN_INFO[domain].label }));
const CATEGORY_OPTIONS = SERVICE_CATEGORIES.map((category) => ({ value: category, label: SERVICE_CATEGORY_LABELS[category] }));
const FUNCTIE_OPTIONS = (Object.entries(FUNCTIES) as [TermChoice['functie'] & string, string][]).map(([value, label]) => ({ value, label: `${value}. ${label}` }));

const short = (text: string | undefined, length = 80) => (text && text.length > length ? `${text.slice(0, length - 1)}…` : (text ?? ''));

export function CrosswalkEditor({
  form,
  vocabulary,
  gemeenten,
  errors,
  busy,
  message,
  dirty,
  onChange,
  onCheck,
  onSave,
}: {
  form: CrosswalkForm;
  vocabulary: SourceVocabulary;
  gemeenten: readonly string[];
  errors: CrosswalkErrors;
  busy: 'check' | 'import' | 'save' | undefined;
  message: { tone: Tone; text: string } | undefined;
  /** The form changed since the last check: the preview no longer holds. */
  dirty: boolean;
  onChange: (form: CrosswalkForm) => void;
  onCheck: () => void;
  onSave: () => void;
}) {
  const gemeenteOptions = gemeenten.map((name) => ({ value: name, label: name }));
  const setTerm = (termId: string, change: Partial<TermChoice>) => onChange({ ...form, terms: { ...form.terms, [termId]: { ...termChoiceOf(form, termId), ...change } } });
  const setDefaults = (change: Partial<CrosswalkForm['defaults']>) => onChange({ ...form, defaults: { ...form.defaults, ...change } });
  return (
    <form
      class="form kaart-crosswalk"
      noValidate
      aria-labelledby="crosswalk-title"
      onSubmit={(event) => {
        event.preventDefault();
        onCheck();
      }}
    >
      <h2 id="crosswalk-title">Crosswalk: de bron vertalen naar de sociale kaart</h2>
      <p>
        De bron gebruikt eigen termen en werkgebieden. Geef hier aan wat ze betekenen op de sociale kaart, en wat Overbrug moet aannemen als de bron iets niet zegt. Controleer
        daarna opnieuw: u ziet per dienst wat hij krijgt.
      </p>
      <TextField
        id={CROSSWALK_FIELD_IDS.description}
        label="Beschrijving"
        hint="Waar deze crosswalk voor is, bijvoorbeeld: Sociale kaart Voorbeeldstad, export van maart."
        value={form.description}
        error={errors.description}
        onInput={(event) => onChange({ ...form, description: event.currentTarget.value })}
      />

      <details class="crosswalk-part" open={vocabulary.terms.length > 0}>
        <summary>Termen van de bron ({vocabulary.terms.length})</summary>
        {vocabulary.terms.length ? (
          <table class="table table-cards crosswalk-terms">
            <caption class="visually-hidden">Termen van de bron met hun betekenis op de sociale kaart</caption>
            <thead>
              <tr>
                <th scope="col">Term</th>
                <th scope="col">Diensten</th>
                <th scope="col">Levensdomein</th>
                <th scope="col">Soort aanbod</th>
                <th scope="col">Functie</th>
              </tr>
            </thead>
            <tbody>
              {vocabulary.terms.map((term, index) => {
                const choice = termChoiceOf(form, term.id);
                const name = term.name ?? term.code ?? term.id;
                return (
                  <tr key={term.id}>
                    <th scope="row" data-label="Term">
                      {name}
                      {term.taxonomy ? <span class="kaart-organisation muted">{term.taxonomy}</span> : null}
                    </th>
                    <td data-label="Diensten">{term.services}</td>
                    <td data-label="Levensdomein">
                      <SelectField id={`term-${index}-domain`} label={<span class="visually-hidden">Levensdomein voor {name}</span>} options={DOMAIN_OPTIONS} placeholder="—" value={choice.domain} onChange={(domain) => setTerm(term.id, { domain })} />
                    </td>
                    <td data-label="Soort aanbod">
                      <SelectField id={`term-${index}-category`} label={<span class="visually-hidden">Soort aanbod voor {name}</span>} options={CATEGORY_OPTIONS} placeholder="—" value={choice.category} onChange={(category) => setTerm(term.id, { category })} />
                    </td>
                    <td data-label="Functie">
                      <SelectField id={`term-${index}-functie`} label={<span class="visually-hidden">Functie voor {name}</span>} options={FUNCTIE_OPTIONS} placeholder="—" value={choice.functie} onChange={(functie) => setTerm(term.id, { functie })} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        ) : (
          <p class="muted">De diensten dragen geen termen van een eigen taxonomie.</p>
        )}
      </details>

      <details class="crosswalk-part" open={vocabulary.areas.length > 0}>
        <summary>Werkgebieden van de bron ({vocabulary.areas.length})</summary>
        {vocabulary.areas.length ? (
          vocabulary.areas.map((area, index) => (
            <CheckboxGroup
              key={area.id}
              id={`area-${index}`}
              legend={`${short(area.name) || area.id} (${area.services} ${area.services === 1 ? 'dienst' : 'diensten'})`}
              hint={area.name && area.name.length > 80 ? area.name : undefined}
              inline
              options={gemeenteOptions}
              values={form.areas[area.id] ?? []}
              onChange={(chosen) => onChange({ ...form, areas: { ...form.areas, [area.id]: chosen } })}
            />
          ))
        ) : (
          <p class="muted">Alle werkgebieden van de bron zijn al gemeenten of postcodes van uw regio.</p>
        )}
      </details>

      <fieldset class="crosswalk-part crosswalk-defaults">
        <legend>Standaardwaarden: voor wat de bron niet zegt</legend>
        <SelectField id="default-domain" label="Levensdomein" options={DOMAIN_OPTIONS} placeholder="niet aannemen" value={form.defaults.domain} onChange={(domain) => setDefaults({ domain })} />
        <SelectField id="default-category" label="Soort aanbod" options={CATEGORY_OPTIONS} placeholder="niet aannemen" value={form.defaults.category} onChange={(category) => setDefaults({ category })} />
        <SelectField id="default-functie" label="Functie" options={FUNCTIE_OPTIONS} placeholder="niet aannemen" value={form.defaults.functie} onChange={(functie) => setDefaults({ functie })} />
        <CheckboxGroup id="default-gemeenten" legend="Werkgebied" hint="Voor diensten die geen werkgebied noemen." inline options={gemeenteOptions} values={form.defaults.gemeenten} onChange={(chosen) => setDefaults({ gemeenten: chosen })} />
        <TextField
          id={CROSSWALK_FIELD_IDS.languages}
          label="Talen"
          hint="Taalcodes, gescheiden door komma's: nl, en, tr, ar."
          width="m"
          value={form.defaults.languages}
          error={errors.languages}
          onInput={(event) => setDefaults({ languages: event.currentTarget.value })}
        />
        <CheckboxGroup id="default-channels" legend="Hoe cliënten het aanbod bereiken" inline options={CHANNELS.map((channel) => ({ value: channel, label: CHANNEL_LABELS[channel] }))} values={form.defaults.channels} onChange={(channels) => setDefaults({ channels })} />
        <SelectField id="default-cost" label="Kosten voor de cliënt" options={COSTS.map((cost) => ({ value: cost, label: COST_LABELS[cost] }))} placeholder="niet aannemen" value={form.defaults.cost} onChange={(cost) => setDefaults({ cost })} />
        <CheckboxGroup id="default-funding" legend="Financiering" inline options={FUNDING_SOURCES.map((source) => ({ value: source, label: FUNDING_LABELS[source] }))} values={form.defaults.funding} onChange={(funding) => setDefaults({ funding })} />
        <RadioGroup
          id="default-referral"
          name="default-referral"
          legend="Verwijzing nodig"
          inline
          options={[
            { value: '', label: 'niet aannemen' },
            { value: 'no', label: 'nee' },
            { value: 'yes', label: 'ja' },
          ]}
          value={form.defaults.referralNeeded}
          onChange={(referralNeeded) => setDefaults({ referralNeeded })}
        />
        <TextField
          id={CROSSWALK_FIELD_IDS.waitingWeeks}
          label="Wachttijd in weken"
          width="xs"
          inputMode="decimal"
          value={form.defaults.waitingWeeks}
          error={errors.waitingWeeks}
          onInput={(event) => setDefaults({ waitingWeeks: event.currentTarget.value })}
        />
        <TextField
          id={CROSSWALK_FIELD_IDS.contactEmail}
          label="E-mailadres van de aanbieder"
          hint="Voor diensten zonder e-mailadres: Overbrug moet de aanbieder kunnen bereiken."
          type="email"
          value={form.defaults.contactEmail}
          error={errors.contactEmail}
          onInput={(event) => setDefaults({ contactEmail: event.currentTarget.value })}
        />
      </fieldset>

      <RadioGroup
        id="crosswalk-verified"
        name="crosswalk-verified"
        legend="Datum van de laatste controle"
        options={[
          { value: 'import', label: 'De datum van vandaag: ik sta in voor de bron' },
          { value: 'assured_date', label: 'De datum in de bron (assured_date)' },
        ]}
        value={form.lastVerified}
        onChange={(lastVerified) => onChange({ ...form, lastVerified })}
      />
      <TextField
        id={CROSSWALK_FIELD_IDS.idPrefix}
        label="Voorvoegsel voor de ids"
        optional
        hint="Houdt de ids van twee bronnen uit elkaar, bijvoorbeeld sk-."
        width="s"
        value={form.idPrefix}
        error={errors.idPrefix}
        onInput={(event) => onChange({ ...form, idPrefix: event.currentTarget.value })}
      />

      <div class="form-actions">
        <Button type="submit" variant={dirty ? 'primary' : 'secondary'} busy={busy === 'check'} busyLabel="Bezig met controleren…">
          Opnieuw controleren met deze crosswalk
        </Button>
      </div>
      <div class="crosswalk-save">
        <TextField
          id={CROSSWALK_FIELD_IDS.crosswalkId}
          label="Bewaren onder de naam"
          hint="Kleine letters, cijfers en streepjes. Bewaart u onder een bestaande naam, dan vervangt u die."
          width="m"
          value={form.crosswalkId}
          error={errors.crosswalkId}
          onInput={(event) => onChange({ ...form, crosswalkId: event.currentTarget.value })}
        />
        <Button variant="secondary" busy={busy === 'save'} busyLabel="Bezig met bewaren…" onClick={onSave}>
          Crosswalk bewaren
        </Button>
      </div>
      {message ? (
        <Notice tone={message.tone} live={message.tone === 'error' ? 'assertive' : 'polite'}>
          <p>{message.text}</p>
        </Notice>
      ) : null}
    </form>
  );
}
