import { useEffect, useRef, useState } from 'preact/hooks';
import { CHANNEL_LABELS, COST_LABELS, IMPORT_RESULT_LABELS, LEVENSDOMEIN_INFO, SERVICE_CATEGORY_LABELS, weeks } from '#shared/domain/vocabulary.ts';
import { api, ApiProblem, describeFailure } from '../../api.ts';
import { useApp } from '../../app-context.ts';
import { Button } from '../../components/button.tsx';
import { describedBy, focusField, LabelledField, SelectField } from '../../components/field.tsx';
import { languageName } from '../../components/format.ts';
import { useResource } from '../../components/loading.tsx';
import { Notice, type Tone } from '../../components/notice.tsx';
import { Page, Section } from '../../components/page.tsx';
import { href } from '../../routing.ts';
import { entryHref, services } from './kaart-parts.tsx';
import { MAX_IMPORT_BYTES } from '#shared/kaart/hsds/import-request.ts';
import { CrosswalkEditor } from './crosswalk-editor.tsx';
import { CROSSWALK_FIELD_IDS, crosswalkForm, crosswalkFromForm, MISSING_WORDS, missingCounts, type CrosswalkErrors, type CrosswalkField, type CrosswalkForm } from './crosswalk-model.ts';
import {
  describeImportError,
  formatBytes,
  IMPORT_LIMIT_TEXT,
  importRequest,
  parseJsonFile,
  readFileText,
  resultCounts,
  TOO_BIG_ADVICE,
  type ImportAnswer,
  type PreviewItem,
  type ReadFile,
  type SavedCrosswalk,
} from './import-model.ts';

type Step = { kind: 'choose' } | { kind: 'checked'; answer: ImportAnswer; crosswalk: unknown } | { kind: 'imported'; answer: ImportAnswer };
type FileErrors = Partial<Record<'files' | 'crosswalk', string>>;

/** Files far beyond the limit are not even read: the body would be refused anyway. */
const UNREADABLE_BYTES = 4 * MAX_IMPORT_BYTES;

const readAll = (files: readonly File[]) => Promise.all(files.map(async (file): Promise<ReadFile> => readFileText(file.name, new Uint8Array(await file.arrayBuffer()))));

/**
 * The beheerder imports another directory's HSDS (a JSON file, or the files of a CSV data package)
 * into their region: first a check that shows what each service would get and what would be skipped
 * and why, then the import. The crosswalk that translates the source's terms and areas can be a
 * saved one, a file, or built here from what the check found, and saved for next time.
 */
export default function ImportPage() {
  const { region } = useApp();
  const [files, setFiles] = useState<File[]>([]);
  const [crosswalkFile, setCrosswalkFile] = useState<File | undefined>(undefined);
  const [savedId, setSavedId] = useState('');
  const [form, setForm] = useState<CrosswalkForm | undefined>(undefined);
  const [formErrors, setFormErrors] = useState<CrosswalkErrors>({});
  const [dirty, setDirty] = useState(false);
  const [formMessage, setFormMessage] = useState<{ tone: Tone; text: string } | undefined>(undefined);
  const [step, setStep] = useState<Step>({ kind: 'choose' });
  const [errors, setErrors] = useState<FileErrors>({});
  const [refusal, setRefusal] = useState<{ title: string; lines: string[] } | undefined>(undefined);
  const [busy, setBusy] = useState<'check' | 'import' | 'save' | undefined>(undefined);
  const [readNotes, setReadNotes] = useState<string[]>([]);
  const resultHeading = useRef<HTMLHeadingElement>(null);
  const saved = useResource((signal) => api<{ items: SavedCrosswalk[] }>('GET', '/kaart/crosswalks', { signal }), []);
  const savedItems = saved.state === 'ready' ? saved.data.items : [];

  useEffect(() => {
    if (step.kind !== 'choose') resultHeading.current?.focus();
  }, [step]);

  const chosen = (next: { files?: File[]; crosswalk?: File | undefined; savedId?: string }) => {
    if (next.files) setFiles(next.files);
    if ('crosswalk' in next) setCrosswalkFile(next.crosswalk);
    if (next.savedId !== undefined) setSavedId(next.savedId);
    // Other files or another crosswalk: what was checked and built no longer holds.
    setStep({ kind: 'choose' });
    setForm(undefined);
    setDirty(false);
    setFormMessage(undefined);
    setErrors({});
    setRefusal(undefined);
  };

  const showFormErrors = (found: CrosswalkErrors) => {
    setFormErrors(found);
    const first = (Object.keys(CROSSWALK_FIELD_IDS) as CrosswalkField[]).find((field) => found[field]);
    if (first) focusField(CROSSWALK_FIELD_IDS[first]);
  };

  /** The crosswalk to send: the one built here, else the saved one chosen, else the file; or what is wrong with it. */
  const crosswalkSource = async (): Promise<ReadFile | { value: unknown } | undefined | 'invalid'> => {
    if (form) {
      const built = crosswalkFromForm(form);
      if ('errors' in built) {
        showFormErrors(built.errors);
        return 'invalid';
      }
      setFormErrors({});
      return { value: built.crosswalk };
    }
    const savedCrosswalk = savedItems.find((item) => item.crosswalkId === savedId);
    if (savedCrosswalk) return { value: savedCrosswalk.crosswalk };
    return crosswalkFile ? (await readAll([crosswalkFile]))[0] : undefined;
  };

  const send = async (dryRun: boolean) => {
    if (busy) return;
    setRefusal(undefined);
    const raw = [...files, ...(crosswalkFile ? [crosswalkFile] : [])].reduce((sum, file) => sum + file.size, 0);
    if (raw > UNREADABLE_BYTES) {
      return showErrors({ files: `De bestanden zijn samen ${formatBytes(raw)}; ${TOO_BIG_ADVICE}` });
    }
    let source: ReadFile | { value: unknown } | undefined;
    if (dryRun || step.kind !== 'checked') {
      const found = await crosswalkSource();
      if (found === 'invalid') return;
      source = found;
    } else source = step.crosswalk === undefined ? undefined : { value: step.crosswalk };
    setBusy(dryRun ? 'check' : 'import');
    try {
      const read = await readAll(files);
      setReadNotes(read.map((file) => file.note).filter((note): note is string => !!note));
      const request = importRequest(read, source, dryRun);
      if ('errors' in request) return showErrors(request.errors);
      setErrors({});
      const answer = await api<ImportAnswer>('POST', '/kaart/import', { body: request.body });
      if (dryRun) {
        const used = source && 'value' in source ? source.value : source ? (parseJsonFile(source) as { value?: unknown }).value : undefined;
        setStep({ kind: 'checked', answer, crosswalk: used });
        if (answer.vocabulary) {
          const vocabulary = answer.vocabulary;
          setForm((current) => {
            const base = current ? crosswalkFromForm(current) : undefined;
            const loaded = base && 'crosswalk' in base ? base.crosswalk : (used as Parameters<typeof crosswalkForm>[0]);
            return crosswalkForm(loaded, vocabulary, current?.crosswalkId ?? savedId);
          });
        }
        setDirty(false);
      } else setStep({ kind: 'imported', answer });
    } catch (failure) {
      setRefusal(refusalOf(failure));
    } finally {
      setBusy(undefined);
    }
  };

  const save = async () => {
    if (!form || busy) return;
    setFormMessage(undefined);
    const built = crosswalkFromForm(form, { forSaving: true });
    if ('errors' in built) return showFormErrors(built.errors);
    setFormErrors({});
    setBusy('save');
    try {
      const id = form.crosswalkId.trim();
      await api('PUT', `/kaart/crosswalks/${encodeURIComponent(id)}`, { body: built.crosswalk });
      setFormMessage({ tone: 'success', text: `Bewaard als ${id}. Bij een volgende import kiest u hem bij "Bewaarde crosswalk".` });
      await saved.reload();
      setSavedId(id);
    } catch (failure) {
      setFormMessage({
        tone: 'error',
        text: failure instanceof ApiProblem && failure.status === 400 ? `Niet bewaard: ${failure.errors.map((error) => describeImportError({ ...error, path: `crosswalk.${error.path}` })).join(' ')}` : `Niet bewaard. ${describeFailure(failure)}`,
      });
    } finally {
      setBusy(undefined);
    }
  };

  const showErrors = (found: FileErrors) => {
    setErrors(found);
    focusField(found.files ? 'import-files' : 'import-crosswalk');
  };

  const answer = step.kind === 'choose' ? undefined : step.answer;
  return (
    <Page title="HSDS importeren">
      <p class="lead">
        Neem het aanbod van een andere sociale kaart over in de kaart van uw regio, in het formaat Open Referral HSDS (versie 3, en ook de oudere versies 2.0 en 1.1). Eerst
        controleert Overbrug wat er zou veranderen; pas daarna importeert u.
      </p>
      <form
        class="form kaart-import-form"
        noValidate
        aria-label="HSDS-bestanden kiezen"
        onSubmit={(event) => {
          event.preventDefault();
          void send(true);
        }}
      >
        <LabelledField
          id="import-files"
          label="HSDS-gegevens"
          hint={`Eén JSON-bestand, of alle bestanden van een CSV-datapakket tegelijk (de .csv-bestanden en datapackage.json). Samen hoogstens ${IMPORT_LIMIT_TEXT}.`}
          error={errors.files}
        >
          <input
            id="import-files"
            type="file"
            class="input-file"
            multiple
            accept=".json,.csv,application/json,text/csv"
            aria-invalid={errors.files ? 'true' : undefined}
            aria-describedby={describedBy('import-files', true, errors.files)}
            onChange={(event) => chosen({ files: [...(event.currentTarget.files ?? [])] })}
          />
        </LabelledField>
        <ChosenFiles files={files} />
        {savedItems.length ? (
          <SelectField
            id="import-saved"
            label="Bewaarde crosswalk"
            hint="Een crosswalk die u eerder bewaarde, voor dezelfde bron."
            options={savedItems.map((item) => ({ value: item.crosswalkId, label: `${item.crosswalkId}: ${item.crosswalk.description}` }))}
            placeholder="geen"
            value={savedId}
            onChange={(value) => chosen({ savedId: value })}
          />
        ) : null}
        <LabelledField
          id="import-crosswalk"
          label="Crosswalk"
          optional
          hint="Een JSON-bestand dat de termen, werkgebieden en capaciteit van de bron vertaalt naar die van Overbrug. U kunt hem ook na de controle op deze pagina maken."
          error={errors.crosswalk}
        >
          <input
            id="import-crosswalk"
            type="file"
            class="input-file"
            accept=".json,application/json"
            aria-invalid={errors.crosswalk ? 'true' : undefined}
            aria-describedby={describedBy('import-crosswalk', true, errors.crosswalk)}
            onChange={(event) => chosen({ crosswalk: event.currentTarget.files?.[0], savedId: '' })}
          />
        </LabelledField>
        <ChosenFiles files={crosswalkFile ? [crosswalkFile] : []} />
        <div class="form-actions">
          <Button type="submit" variant={step.kind === 'choose' ? 'primary' : 'secondary'} busy={busy === 'check' && !form} busyLabel="Bezig met controleren…">
            {step.kind === 'choose' ? 'Controleren' : 'Opnieuw controleren'}
          </Button>
        </div>
      </form>

      {refusal ? (
        <Notice tone="error" title={refusal.title} live="assertive">
          <ul class="reasons">
            {refusal.lines.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </Notice>
      ) : null}

      {answer ? (
        <section class="section kaart-import-result" aria-labelledby="import-result-title">
          <h2 id="import-result-title" tabIndex={-1} ref={resultHeading}>
            {step.kind === 'checked' ? 'Resultaat van de controle' : 'Resultaat van de import'}
          </h2>
          <ResultSummary answer={answer} />
          {step.kind === 'checked' && answer.imported.length ? (
            <div class="form-actions">
              {dirty ? (
                <p class="muted">U heeft de crosswalk veranderd: controleer opnieuw voordat u importeert.</p>
              ) : (
                <Button busy={busy === 'import'} busyLabel="Bezig met importeren…" onClick={() => void send(false)}>
                  {`${services(answer.imported.length)} importeren`}
                </Button>
              )}
            </div>
          ) : null}
          <MissingSummary answer={answer} />
          <ImportedTable answer={answer} />
          {answer.preview?.length ? <PreviewTable preview={answer.preview} /> : null}
          <SkippedTable answer={answer} />
          {answer.notices.length || readNotes.length || answer.version ? (
            <Section title="Opmerkingen over de invoer" id="import-notices-title">
              <ul class="reasons">
                {[...readNotes, ...answer.notices].map((notice) => (
                  <li key={notice}>{notice}</li>
                ))}
              </ul>
            </Section>
          ) : null}
          {step.kind === 'imported' ? (
            <p>
              <a href={href('/kaart')}>Naar de sociale kaart</a>
            </p>
          ) : null}
        </section>
      ) : null}

      {step.kind === 'checked' && form && answer?.vocabulary ? (
        <section class="section">
          <CrosswalkEditor
            form={form}
            vocabulary={answer.vocabulary}
            gemeenten={region?.gemeenten.map((gemeente) => gemeente.name) ?? []}
            errors={formErrors}
            busy={busy}
            message={formMessage}
            dirty={dirty}
            onChange={(next) => {
              // The name it is saved under changes nothing the check showed.
              if (JSON.stringify({ ...next, crosswalkId: '' }) !== JSON.stringify({ ...form, crosswalkId: '' })) setDirty(true);
              setForm(next);
              setFormMessage(undefined);
            }}
            onCheck={() => void send(true)}
            onSave={() => void save()}
          />
        </section>
      ) : null}
    </Page>
  );
}

/** What the skipped services lack, counted, with where to fill it in. */
function MissingSummary({ answer }: { answer: ImportAnswer }) {
  const counts = missingCounts(answer.skipped);
  if (!counts.length) return null;
  return (
    <Section title="Wat ontbreekt" id="import-missing-title">
      <ul class="reasons">
        {counts.map(({ field, count }) => (
          <li key={field}>
            <strong>
              {services(count)}: {MISSING_WORDS[field]?.what ?? field}.
            </strong>{' '}
            {MISSING_WORDS[field]?.where ?? ''}
          </li>
        ))}
      </ul>
    </Section>
  );
}

const FROM_WORDS: Record<string, string> = { default: 'standaard', rule: 'crosswalk', assumed: 'aangenomen' };
const listOf = (items: readonly string[]) => items.join(', ');

/** Each service a check would import, with the values it would get; what came from the crosswalk or a default says so. */
function PreviewTable({ preview }: { preview: readonly PreviewItem[] }) {
  const cell = (item: PreviewItem, field: keyof PreviewItem['values'], text: string) => {
    const from = FROM_WORDS[item.from[field] ?? ''];
    return (
      <>
        {text}
        {from ? <span class="muted"> ({from})</span> : null}
      </>
    );
  };
  return (
    <Section title="Wat elke dienst krijgt" id="import-preview-title">
      <table class="table table-cards kaart-import-preview">
        <caption class="visually-hidden">Per dienst de waarden die de import geeft, en waar ze vandaan komen</caption>
        <thead>
          <tr>
            <th scope="col">Dienst</th>
            <th scope="col">Levensdomeinen</th>
            <th scope="col">Soort en functies</th>
            <th scope="col">Werkgebied</th>
            <th scope="col">Talen en kanalen</th>
            <th scope="col">Kosten en wachttijd</th>
            <th scope="col">Verwijzing</th>
          </tr>
        </thead>
        <tbody>
          {preview.map((item) => (
            <tr key={item.serviceId}>
              <th scope="row" data-label="Dienst">
                {item.name}
                <span class="kaart-organisation muted">{item.organisation}</span>
              </th>
              <td data-label="Levensdomeinen">{cell(item, 'domains', listOf(item.values.domains.map((domain) => LEVENSDOMEIN_INFO[domain]?.label ?? domain)))}</td>
              <td data-label="Soort en functies">
                {cell(item, 'category', SERVICE_CATEGORY_LABELS[item.values.category] ?? item.values.category)}; {cell(item, 'functies', `functie ${listOf(item.values.functies.map(String))}`)}
              </td>
              <td data-label="Werkgebied">{cell(item, 'area', [listOf(item.values.area.gemeenten), item.values.area.postcodes?.length ? `postcodes ${listOf(item.values.area.postcodes)}` : ''].filter(Boolean).join('; '))}</td>
              <td data-label="Talen en kanalen">
                {cell(item, 'languages', listOf(item.values.languages.map(languageName)))}; {cell(item, 'channels', listOf(item.values.channels.map((channel) => CHANNEL_LABELS[channel] ?? channel)))}
              </td>
              <td data-label="Kosten en wachttijd">
                {cell(item, 'cost', COST_LABELS[item.values.cost] ?? item.values.cost)}; {cell(item, 'waitingWeeks', item.values.waitingWeeks === 0 ? 'geen wachttijd' : weeks(item.values.waitingWeeks))}
              </td>
              <td data-label="Verwijzing">{cell(item, 'referralNeeded', item.values.referralNeeded ? 'nodig' : 'niet nodig')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}

function ChosenFiles({ files }: { files: readonly File[] }) {
  if (!files.length) return null;
  const total = files.reduce((sum, file) => sum + file.size, 0);
  return (
    <p class="muted kaart-chosen">
      Gekozen: {files.length === 1 ? `${files[0]!.name} (${formatBytes(total)})` : `${files.length} bestanden, samen ${formatBytes(total)}: ${files.map((file) => file.name).join(', ')}`}
    </p>
  );
}

function refusalOf(failure: unknown): { title: string; lines: string[] } {
  if (failure instanceof ApiProblem && failure.status === 413) {
    return { title: 'De import is te groot', lines: [TOO_BIG_ADVICE] };
  }
  if (failure instanceof ApiProblem && failure.status === 400) {
    return { title: 'Overbrug kan deze gegevens niet lezen; er is niets veranderd', lines: failure.errors.length ? failure.errors.map(describeImportError) : [describeFailure(failure)] };
  }
  return { title: 'Het is niet gelukt', lines: [describeFailure(failure)] };
}

function ResultSummary({ answer }: { answer: ImportAnswer }) {
  const counts = resultCounts(answer)
    .map(({ result, count }) => `${count} ${IMPORT_RESULT_LABELS[result]}`)
    .join(', ');
  const skipped = answer.skipped.length ? `${answer.skipped.length} overgeslagen` : 'niets overgeslagen';
  if (answer.dryRun) {
    return (
      <Notice tone="info" title="Controle: er is nog niets veranderd">
        <p>
          {answer.imported.length ? `${services(answer.imported.length)} ${answer.imported.length === 1 ? 'kan' : 'kunnen'} worden geïmporteerd` : 'Er is niets te importeren'}; {skipped}.
        </p>
      </Notice>
    );
  }
  return (
    <Notice tone="success" title="Geïmporteerd">
      <p>
        {counts || 'niets geïmporteerd'}; {skipped}.
      </p>
    </Notice>
  );
}

function ImportedTable({ answer }: { answer: ImportAnswer }) {
  if (!answer.imported.length) return null;
  return (
    <Section title={answer.dryRun ? 'Wordt geïmporteerd' : 'Geïmporteerd'} id="import-imported-title">
      <table class="table table-cards">
        <caption class="visually-hidden">{answer.dryRun ? 'Diensten die worden geïmporteerd' : 'Geïmporteerde diensten'}</caption>
        <thead>
          <tr>
            <th scope="col">Dienst</th>
            <th scope="col">Id</th>
            <th scope="col">Resultaat</th>
          </tr>
        </thead>
        <tbody>
          {answer.imported.map((item) => (
            <tr key={item.serviceId}>
              <th scope="row" data-label="Dienst">
                {!answer.dryRun && item.result !== 'other-region' ? <a href={entryHref(item.serviceId)}>{item.name}</a> : item.name}
              </th>
              <td data-label="Id" class="kaart-id">
                {item.serviceId}
              </td>
              <td data-label="Resultaat">{IMPORT_RESULT_LABELS[item.result] ?? item.result}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}

function SkippedTable({ answer }: { answer: ImportAnswer }) {
  if (!answer.skipped.length) return null;
  return (
    <Section title={answer.dryRun ? 'Wordt overgeslagen' : 'Overgeslagen'} id="import-skipped-title">
      <table class="table table-cards">
        <caption class="visually-hidden">Overgeslagen records en waarom</caption>
        <thead>
          <tr>
            <th scope="col">Record</th>
            <th scope="col">Id</th>
            <th scope="col">Reden</th>
          </tr>
        </thead>
        <tbody>
          {answer.skipped.map((item, index) => (
            <tr key={`${item.record}-${item.id}-${index}`}>
              <th scope="row" data-label="Record">
                {item.record}
                {item.name ? <span class="kaart-organisation muted">{item.name}</span> : null}
              </th>
              <td data-label="Id" class="kaart-id">
                {item.id}
              </td>
              <td data-label="Reden">
                {item.reason}
                {item.details ? (
                  <details class="skipped-details">
                    <summary>Technische details</summary>
                    <p>{item.details}</p>
                  </details>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}
