import { useEffect, useRef, useState } from 'preact/hooks';
import { IMPORT_RESULT_LABELS } from '#shared/domain/vocabulary.ts';
import { api, ApiProblem, describeFailure } from '../../api.ts';
import { Button } from '../../components/button.tsx';
import { describedBy, focusField, LabelledField } from '../../components/field.tsx';
import { Notice } from '../../components/notice.tsx';
import { Page, Section } from '../../components/page.tsx';
import { href } from '../../routing.ts';
import { entryHref, services } from './kaart-parts.tsx';
import { MAX_IMPORT_BYTES } from '#shared/kaart/hsds/import-request.ts';
import { describeImportError, formatBytes, IMPORT_LIMIT_TEXT, importRequest, resultCounts, TOO_BIG_ADVICE, type ImportAnswer, type ReadFile } from './import-model.ts';

type Step = { kind: 'choose' } | { kind: 'checked'; answer: ImportAnswer } | { kind: 'imported'; answer: ImportAnswer };
type FileErrors = Partial<Record<'files' | 'crosswalk', string>>;

/** Files far beyond the limit are not even read: the body would be refused anyway. */
const UNREADABLE_BYTES = 4 * MAX_IMPORT_BYTES;

const readAll = (files: readonly File[]) => Promise.all(files.map(async (file): Promise<ReadFile> => ({ name: file.name, text: await file.text() })));

/**
 * The beheerder imports another directory's HSDS (a JSON file, or the files of a CSV data package)
 * into their region, with an optional crosswalk: first a dry run that shows what would be imported
 * and what skipped and why, then the import itself.
 */
export default function ImportPage() {
  const [files, setFiles] = useState<File[]>([]);
  const [crosswalk, setCrosswalk] = useState<File | undefined>(undefined);
  const [step, setStep] = useState<Step>({ kind: 'choose' });
  const [errors, setErrors] = useState<FileErrors>({});
  const [refusal, setRefusal] = useState<{ title: string; lines: string[] } | undefined>(undefined);
  const [busy, setBusy] = useState<'check' | 'import' | undefined>(undefined);
  const resultHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (step.kind !== 'choose') resultHeading.current?.focus();
  }, [step]);

  const chosen = (next: { files?: File[]; crosswalk?: File | undefined }) => {
    if (next.files) setFiles(next.files);
    if ('crosswalk' in next) setCrosswalk(next.crosswalk);
    // Other files: what was checked no longer holds.
    setStep({ kind: 'choose' });
    setErrors({});
    setRefusal(undefined);
  };

  const send = async (dryRun: boolean) => {
    if (busy) return;
    setRefusal(undefined);
    const raw = [...files, ...(crosswalk ? [crosswalk] : [])].reduce((sum, file) => sum + file.size, 0);
    if (raw > UNREADABLE_BYTES) {
      return showErrors({ files: `De bestanden zijn samen ${formatBytes(raw)}; ${TOO_BIG_ADVICE}` });
    }
    setBusy(dryRun ? 'check' : 'import');
    try {
      const request = importRequest(await readAll(files), crosswalk ? (await readAll([crosswalk]))[0] : undefined, dryRun);
      if ('errors' in request) return showErrors(request.errors);
      setErrors({});
      const answer = await api<ImportAnswer>('POST', '/kaart/import', { body: request.body });
      setStep({ kind: dryRun ? 'checked' : 'imported', answer });
    } catch (failure) {
      setRefusal(refusalOf(failure));
    } finally {
      setBusy(undefined);
    }
  };

  const showErrors = (found: FileErrors) => {
    setErrors(found);
    focusField(found.files ? 'import-files' : 'import-crosswalk');
  };

  return (
    <Page title="HSDS importeren">
      <p class="lead">
        Neem het aanbod van een andere sociale kaart over in de kaart van uw regio, in het formaat Open Referral HSDS 3.1. Eerst controleert Overbrug wat er zou
        veranderen; pas daarna importeert u.
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
        <LabelledField
          id="import-crosswalk"
          label="Crosswalk"
          optional
          hint="Een JSON-bestand dat de termen, werkgebieden en capaciteit van de bron vertaalt naar die van Overbrug (zie docs/sociale-kaart.md)."
          error={errors.crosswalk}
        >
          <input
            id="import-crosswalk"
            type="file"
            class="input-file"
            accept=".json,application/json"
            aria-invalid={errors.crosswalk ? 'true' : undefined}
            aria-describedby={describedBy('import-crosswalk', true, errors.crosswalk)}
            onChange={(event) => chosen({ crosswalk: event.currentTarget.files?.[0] })}
          />
        </LabelledField>
        <ChosenFiles files={crosswalk ? [crosswalk] : []} />
        <div class="form-actions">
          <Button type="submit" variant={step.kind === 'choose' ? 'primary' : 'secondary'} busy={busy === 'check'} busyLabel="Bezig met controleren…">
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

      {step.kind !== 'choose' ? (
        <section class="section kaart-import-result" aria-labelledby="import-result-title">
          <h2 id="import-result-title" tabIndex={-1} ref={resultHeading}>
            {step.kind === 'checked' ? 'Resultaat van de controle' : 'Resultaat van de import'}
          </h2>
          <ResultSummary answer={step.answer} />
          {step.kind === 'checked' && step.answer.imported.length ? (
            <div class="form-actions">
              <Button busy={busy === 'import'} busyLabel="Bezig met importeren…" onClick={() => void send(false)}>
                {`${services(step.answer.imported.length)} importeren`}
              </Button>
            </div>
          ) : null}
          <ImportedTable answer={step.answer} />
          <SkippedTable answer={step.answer} />
          {step.answer.notices.length ? (
            <Section title="Opmerkingen over de invoer" id="import-notices-title">
              <ul class="reasons">
                {step.answer.notices.map((notice) => (
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
    </Page>
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
              <td data-label="Reden">{item.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}
