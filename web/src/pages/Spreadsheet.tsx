import { useState, type FormEvent } from "react";
import { Page } from "../app/Layout";
import { may, useSession } from "../app/auth";
import { storedCredential } from "../app/credential";
import { Alert, AppLink, Button, FormField, P, Table } from "../app/ui";

// The spreadsheet page: a programme office downloads the empty workbook (or the register as it is
// stored), fills it in and uploads it. "Controleren" asks the service for a dry run, "Importeren"
// imports; either shows per sheet what happens, or every problem with its sheet, row and column.
// The upload is the importWorkbook mutation as a GraphQL multipart request.

interface SheetResult { sheet: string; created: number; updated: number; unchanged: number }
interface Problem { message: string; extensions?: { code?: string; sheet?: string; row?: number; column?: string; header?: string } }

const importMutation = `mutation($file: Upload!, $dry: Boolean) {
  importWorkbook(file: $file, dryRun: $dry) { dryRun changed sheets { sheet created updated unchanged } }
}`;

// what is a problem's message without the place it names (the table's other columns show it).
function what(p: Problem): string {
  const m = p.message;
  const place = p.extensions?.header ? m.indexOf(`(${p.extensions.header}): `) : -1;
  if (place >= 0) return m.slice(place + p.extensions!.header!.length + 4);
  return p.extensions?.sheet ? m.slice(m.indexOf(": ") + 2) : m;
}

function authHeaders(): Record<string, string> {
  const cred = storedCredential();
  return cred ? { Authorization: `Bearer ${cred}` } : {};
}

export default function SpreadsheetPage() {
  const s = useSession();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ dryRun: boolean; changed: boolean; sheets: SheetResult[] } | null>(null);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [failure, setFailure] = useState("");

  async function send(dry: boolean) {
    if (!file) {
      setFailure("Kies eerst een bestand (.xlsx of .csv).");
      return;
    }
    setBusy(true);
    setResult(null);
    setProblems([]);
    setFailure("");
    const form = new FormData();
    form.append("operations", JSON.stringify({ query: importMutation, variables: { file: null, dry } }));
    form.append("map", JSON.stringify({ 0: ["variables.file"] }));
    form.append("0", file, file.name);
    try {
      const r = await fetch("/graphql", { method: "POST", body: form, headers: authHeaders() });
      const body = await r.json();
      if (body.errors?.length) setProblems(body.errors);
      else if (body.data?.importWorkbook) setResult(body.data.importWorkbook);
      else setFailure(`De dienst antwoordde met status ${r.status}.`);
    } catch {
      setFailure("De dienst is niet bereikbaar; probeer het zo nog eens.");
    } finally {
      setBusy(false);
    }
  }

  async function downloadRegister() {
    setFailure("");
    const r = await fetch("/export/workbook.xlsx", { headers: authHeaders() });
    if (!r.ok) {
      setFailure(`Het register kon niet worden opgehaald (status ${r.status}).`);
      return;
    }
    const url = URL.createObjectURL(await r.blob());
    const a = document.createElement("a");
    a.href = url;
    a.download = "samenspel-register.xlsx";
    document.body.appendChild(a);
    a.click();
    a.remove();
    URL.revokeObjectURL(url);
  }

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void send(false);
  };
  const mayImport = may(s.role, "editor", "admin");

  return (
    <Page title="Spreadsheet" intro="Opgaven, mensen, rollen, instrumenten, koppelingen en vertrouwen, en hoe er wordt samengewerkt (belangen, afspraken, check-ins, resultaten en lessen) in één werkmap: vul hem in, controleer hem en importeer hem. Alles of niets: bij één fout wordt niets opgeslagen.">
      <section aria-labelledby="download">
        <h2 id="download" className="utrecht-heading-2">Werkmap downloaden</h2>
        <P>
          Het <a className="utrecht-link" href="/export/template.xlsx" download>lege sjabloon (.xlsx)</a> heeft een blad per soort
          rij, met uitleg bij elke kolom en keuzelijsten voor thema's, rollen, niveaus, besluitvormende organen en mandaten. Elke rij draagt de sleutel van de
          organisatie die hem bijhoudt (Beheerder en Sleutel): een tweede import van hetzelfde bestand verandert niets.
        </P>
        {s.signedIn ? (
          <Button appearance="secondary-action-button" onClick={() => void downloadRegister()}>Register downloaden (.xlsx)</Button>
        ) : (
          <P>Het opgeslagen register downloaden kan na <AppLink to="/aanmelden">aanmelden</AppLink>.</P>
        )}
      </section>
      <section aria-labelledby="upload">
        <h2 id="upload" className="utrecht-heading-2">Importeren</h2>
        {!mayImport ? (
          <Alert type="info">Importeren kunnen redacteuren en beheerders. {s.signedIn ? "Uw rol mag dat niet." : <>Meld u eerst <AppLink to="/aanmelden">aan</AppLink>.</>}</Alert>
        ) : (
          <form onSubmit={onSubmit} noValidate>
            <FormField id="workbook-file" label="Bestand" description="Een .xlsx-werkmap, of één blad als .csv met de naam van het blad (opgaven.csv, rollen.csv, …). Hoogstens 20 MB.">
              <input id="workbook-file" type="file" accept=".xlsx,.csv" aria-describedby="workbook-file-description" className="utrecht-textbox"
                onChange={(e) => { setFile(e.target.files?.[0] ?? null); setResult(null); setProblems([]); }} />
            </FormField>
            <div className="samenspel-actions">
              <Button appearance="secondary-action-button" onClick={() => void send(true)} disabled={busy}>Controleren</Button>
              <Button type="submit" disabled={busy}>Importeren</Button>
            </div>
          </form>
        )}
        {busy && <Alert type="info">Bezig…</Alert>}
        {failure && <Alert type="error">{failure}</Alert>}
        {problems.length > 0 && (
          <div role="alert" data-testid="problems">
            <Alert type="error">{problems.length === 1 ? "Eén probleem" : `${problems.length} problemen`}; er is niets opgeslagen.</Alert>
            <Table caption="Problemen in het bestand" rows={problems} rowKey={(_, i) => String(i)} columns={[
              { header: "Blad", cell: (p) => p.extensions?.sheet ?? "" },
              { header: "Rij", cell: (p) => p.extensions?.row ?? "", numeric: true },
              { header: "Kolom", cell: (p) => p.extensions?.column ? `${p.extensions.column} (${p.extensions.header})` : "" },
              { header: "Wat er mis is", cell: what },
            ]} />
          </div>
        )}
        {result && (
          <div data-testid="result">
            <Alert type="ok">
              {result.dryRun
                ? (result.changed ? "Het bestand is in orde. Importeren doet het volgende:" : "Het bestand is in orde; alles staat er al zo in.")
                : (result.changed ? "Geïmporteerd." : "Niets veranderd: alles stond er al zo in.")}
            </Alert>
            <Table caption={result.dryRun ? "Wat importeren zou doen, per blad" : "Wat er is geïmporteerd, per blad"} rows={result.sheets} rowKey={(r) => r.sheet} columns={[
              { header: "Blad", cell: (r) => r.sheet },
              { header: "Nieuw", cell: (r) => r.created, numeric: true },
              { header: "Bijgewerkt", cell: (r) => r.updated, numeric: true },
              { header: "Ongewijzigd", cell: (r) => r.unchanged, numeric: true },
            ]} />
          </div>
        )}
      </section>
    </Page>
  );
}
