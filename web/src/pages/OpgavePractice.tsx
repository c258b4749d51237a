import { useMemo, useState, type FormEvent } from "react";
import { useMutation, useQuery } from "urql";
import { graphql } from "../gql";
import type { OpgavePracticeQuery } from "../gql/graphql";
import { Alert, AppLink, Button, ErrorMessage, FormField, Loading, P, Section, Table, fmt } from "../app/ui";
import { HealthStatus, healthEvidence } from "../app/health";
import { useFormErrors } from "../app/forms";
import { links } from "../app/links";
import { may, useSession } from "../app/auth";
import { onlyDenied } from "../app/errors";
import { bodyLabel, mandateLabel, practiceHealthKeys, questionLabel, resultStatusLabel } from "../app/labels";

// The practice of working together on an opgave, asked apart from the rest of the page: what each
// participant wants, brings and cannot give up (and where that conflicts), the agreements and
// decisions with their mandate, the check-ins on the onderstroom, the results with every
// partner's contribution, and the lessons (its own and those of related opgaven).
const PracticeDoc = graphql(`
  query OpgavePractice($id: ID!, $signedIn: Boolean!, $checkIns: Boolean!, $notes: Boolean!, $analyst: Boolean!) {
    opgave(id: $id) {
      id title checkInRhythmDays
      interests @include(if: $signedIn) { id organisation { id code name } wants brings cannotGiveUp date }
      interestConflicts(includeResolved: true) @include(if: $signedIn) {
        id note since resolvedOn a { id wants organisation { id code name } } b { id wants organisation { id code name } }
      }
      agreements @include(if: $signedIn) { id title description body decider { id code name } dueDate decidedOn mandate overdue withoutMandate }
      checkInSummary @include(if: $signedIn) {
        rhythmDays latest
        trend { from until answers rightThings thingsRight together }
        spread { question answers mean spread differMost @include(if: $analyst) { id code name } }
        missing { id code name }
      }
      checkIns(first: 20) @include(if: $checkIns) { id date rightThings thingsRight together note @include(if: $notes) organisation { id code name } }
      results { id title plannedDate achievedDate status contributions { description organisation { id code name } } }
      resultSummary { achieved planned late url }
      lessons @include(if: $signedIn) { id title text themes date organisation { id code name } }
      relatedLessons(first: 5) @include(if: $signedIn) { sharedThemes overlappingArea lesson { id title date opgave { id title } } }
    }
  }
`);

const RecordCheckInDoc = graphql(`
  mutation RecordCheckIn($in: CheckInInput!) { recordCheckIn(input: $in) { id date } }
`);

type Q = NonNullable<OpgavePracticeQuery["opgave"]>;
type Spread = NonNullable<Q["checkInSummary"]>["spread"][number];
type Health = { key: string; label: string; value?: number | null; status: string; evidence: string[]; organisations: { id: string; code?: string | null; name: string }[] };

const score = (v: number | null | undefined) => (v == null ? "—" : fmt.num(v, 1));
const signInFirst = <P>Alleen zichtbaar voor wie is aangemeld.</P>;

export function Practice({ id, health, participants }: { id: string; health: Health[]; participants: string[] }) {
  const s = useSession();
  const analyst = may(s.role, "analyst", "admin");
  // An editor of a participating organisation answers the check-in for it on this page.
  const mayCheckIn = s.role === "editor" && !!s.organisation && participants.includes(s.organisation.id);
  const [{ data, fetching, error }, refetch] = useQuery({
    query: PracticeDoc,
    variables: { id, signedIn: s.signedIn, checkIns: may(s.role, "editor", "analyst", "admin"), notes: may(s.role, "editor", "admin"), analyst },
  });
  const o = data?.opgave;
  return (
    <>
      <PracticeHealth health={health} signedIn={s.signedIn} />
      {fetching && <Loading label="Samenwerking in de praktijk laden…" />}
      {error && !onlyDenied(error) && <ErrorMessage error={error} />}
      {o && (
        <>
          <Interests o={o} signedIn={s.signedIn} />
          <Agreements o={o} signedIn={s.signedIn} />
          <CheckIns o={o} signedIn={s.signedIn} analyst={analyst}
            form={mayCheckIn ? <CheckInForm opgaveId={o.id} organisation={s.organisation?.name ?? ""} onSaved={() => refetch({ requestPolicy: "network-only" })} /> : null} />
          <Results o={o} />
          <Lessons o={o} signedIn={s.signedIn} />
        </>
      )}
    </>
  );
}

function PracticeHealth({ health, signedIn }: { health: Health[]; signedIn: boolean }) {
  const byKey = new Map(health.map((h) => [h.key, h]));
  const rows = practiceHealthKeys.map((k) => ({ key: k.key, label: byKey.get(k.key)?.label ?? k.label, h: byKey.get(k.key) }));
  return (
    <Section id="praktijk" title="Samenwerken in de praktijk">
      <P>Vijf indicatoren over hoe er wordt samengewerkt: mandaat, het ritme en de eensgezindheid van de check-ins, tastbare resultaten en blijven leren.</P>
      <Table
        caption="Samenwerken in de praktijk: vijf indicatoren"
        rows={rows}
        rowKey={(r) => r.key}
        columns={[
          { header: "Indicator", cell: (r) => r.label },
          { header: "Stand", cell: (r) => <HealthStatus h={r.h} /> },
          { header: "Onderbouwing", cell: (r) => healthEvidence(r.h) ?? (r.h ? "—" : !signedIn ? "Alleen zichtbaar voor wie is aangemeld."
            : "De spreiding van de check-ins ziet u alleen als ten minste drie andere organisaties dan de uwe antwoordden.") },
        ]}
      />
    </Section>
  );
}

function Interests({ o, signedIn }: { o: Q; signedIn: boolean }) {
  const interests = o.interests ?? [];
  const conflicts = o.interestConflicts ?? [];
  return (
    <Section id="belangen" title="Belangen">
      <P>Ken elkaars belangen: wat elke deelnemer wil bereiken, wat hij inbrengt en wat hij niet kan opgeven.</P>
      {!signedIn ? signInFirst : interests.length === 0 ? <P>Er zijn nog geen belangen vastgelegd.</P> : (
        <Table
          caption={`Belangen van de deelnemers aan ${o.title}`}
          rows={interests}
          rowKey={(i) => i.id}
          columns={[
            { header: "Organisatie", cell: (i) => <AppLink to={links.organisation(i.organisation)}>{i.organisation.name}</AppLink> },
            { header: "Wil bereiken", cell: (i) => i.wants },
            { header: "Brengt in", cell: (i) => i.brings || "—" },
            { header: "Kan niet opgeven", cell: (i) => i.cannotGiveUp || "—" },
          ]}
        />
      )}
      {signedIn && conflicts.length > 0 && (
        <>
          <h3 className="utrecht-heading-3">Waar belangen botsen</h3>
          <ul className="utrecht-unordered-list" data-testid="conflicts">
            {conflicts.map((c) => (
              <li key={c.id}>
                {c.a.organisation.name} (“{c.a.wants}”) en {c.b.organisation.name} (“{c.b.wants}”){c.note ? `: ${c.note}` : ""} — sinds {fmt.date(c.since)}
                {c.resolvedOn ? `, opgelost op ${fmt.date(c.resolvedOn)}` : ", nog niet opgelost"}
              </li>
            ))}
          </ul>
        </>
      )}
    </Section>
  );
}

function Agreements({ o, signedIn }: { o: Q; signedIn: boolean }) {
  const as = o.agreements ?? [];
  return (
    <Section id="afspraken" title="Afspraken en besluiten">
      <P>Wat is afgesproken, wie beslist, via welk orgaan, wanneer, en of het mandaat er is. Besluiten die te laat zijn of geen mandaat hebben, staan gemarkeerd.</P>
      {!signedIn ? signInFirst : as.length === 0 ? <P>Er zijn nog geen afspraken vastgelegd.</P> : (
        <Table
          caption={`Afspraken en besluiten van ${o.title}, eerst te nemen eerst`}
          rows={as}
          rowKey={(a) => a.id}
          columns={[
            { header: "Afspraak", cell: (a) => a.title },
            { header: "Orgaan", cell: (a) => `${bodyLabel[a.body] ?? a.body}${a.decider ? ` van ${a.decider.name}` : ""}` },
            { header: "Uiterlijk", cell: (a) => fmt.date(a.dueDate) },
            { header: "Besloten", cell: (a) => a.decidedOn ? fmt.date(a.decidedOn) : "nog niet" },
            { header: "Mandaat", cell: (a) => mandateLabel[a.mandate] ?? a.mandate },
            { header: "Let op", cell: (a) => [a.overdue ? "te laat" : "", a.withoutMandate ? "zonder mandaat" : ""].filter(Boolean).join(", ") || "—" },
          ]}
        />
      )}
    </Section>
  );
}

function CheckIns({ o, signedIn, analyst, form }: { o: Q; signedIn: boolean; analyst: boolean; form: React.ReactNode }) {
  const c = o.checkInSummary;
  const own = o.checkIns ?? [];
  return (
    <Section id="check-ins" title="Check-ins op de onderstroom">
      <P>Elke deelnemer beantwoordt ten minste elke {o.checkInRhythmDays} dagen drie vragen (1 tot 5): doen we het goede, doen we het goed, en doen we het goed met elkaar?</P>
      {!signedIn ? signInFirst : !c ? <P>Niet zichtbaar voor uw rol.</P> : (
        <>
          <P>
            {c.latest ? `Laatste check-in: ${fmt.date(c.latest)}.` : "Er is nog geen check-in."}{" "}
            {c.missing.length === 0 ? "Iedere deelnemer deed een check-in binnen het ritme." : (
              <>Geen check-in binnen het ritme: {c.missing.map((g, i) => <span key={g.id}>{i > 0 && ", "}<AppLink to={links.organisation(g)}>{g.name}</AppLink></span>)}.</>
            )}
          </P>
          <Table
            caption="Verloop per vraag, per periode van het ritme (gemiddelden)"
            rows={c.trend}
            rowKey={(p) => p.from}
            columns={[
              { header: "Periode", cell: (p) => `${fmt.date(p.from)} – ${fmt.date(p.until)}` },
              { header: "Antwoorden", numeric: true, cell: (p) => p.answers },
              { header: questionLabel.RIGHT_THINGS, numeric: true, cell: (p) => score(p.rightThings) },
              { header: questionLabel.THINGS_RIGHT, numeric: true, cell: (p) => score(p.thingsRight) },
              { header: questionLabel.TOGETHER, numeric: true, cell: (p) => score(p.together) },
            ]}
          />
          <Table
            caption="Waar de deelnemers het meest verschillen (laatste antwoord per deelnemer)"
            rows={c.spread}
            rowKey={(q) => q.question}
            columns={[
              { header: "Vraag", cell: (q) => questionLabel[q.question] ?? q.question },
              { header: "Antwoorden", numeric: true, cell: (q) => q.answers },
              { header: "Gemiddeld", numeric: true, cell: (q) => score(q.mean) },
              { header: "Spreiding", numeric: true, cell: (q) => q.spread ?? "—" },
              ...(analyst ? [{ header: "Laagste en hoogste", cell: (q: Spread) => (q.differMost ?? []).map((g) => g.name).join(" en ") || "—" }] : []),
            ]}
          />
          {!analyst && <P>Gemiddelden en spreiding ziet u alleen waar ten minste drie antwoorden van andere organisaties dan de uwe achter staan; wie het meest verschilt, zien alleen analisten en beheerders.</P>}
          {own.length > 0 && (
            <Table
              caption={analyst ? "De check-ins, nieuwste eerst" : "De check-ins van uw organisatie, nieuwste eerst"}
              rows={own}
              rowKey={(k) => k.id}
              columns={[
                { header: "Datum", cell: (k) => fmt.date(k.date) },
                { header: "Organisatie", cell: (k) => k.organisation.name },
                { header: questionLabel.RIGHT_THINGS, numeric: true, cell: (k) => k.rightThings },
                { header: questionLabel.THINGS_RIGHT, numeric: true, cell: (k) => k.thingsRight },
                { header: questionLabel.TOGETHER, numeric: true, cell: (k) => k.together },
                ...(own.some((k) => k.note != null) ? [{ header: "Notitie", cell: (k: (typeof own)[number]) => k.note || "—" }] : []),
              ]}
            />
          )}
          {form}
        </>
      )}
    </Section>
  );
}

function Results({ o }: { o: Q }) {
  const s = o.resultSummary;
  return (
    <Section id="resultaten" title="Resultaten">
      <P>Tastbare resultaten (kleine successen) met wie eraan bijdroeg: {s.achieved} behaald, {s.planned} gepland, {s.late} te laat.</P>
      <P><a className="utrecht-link" href={s.url} data-testid="summary-link">Het gezamenlijk resultaat om te delen</a> (een pagina die ieders bijdrage noemt).</P>
      {o.results.length === 0 ? <P>Er zijn nog geen resultaten vastgelegd.</P> : (
        <Table
          caption={`Resultaten van ${o.title}, op geplande datum`}
          rows={o.results}
          rowKey={(r) => r.id}
          columns={[
            { header: "Resultaat", cell: (r) => r.title },
            { header: "Stand", cell: (r) => resultStatusLabel[r.status] ?? r.status },
            { header: "Gepland", cell: (r) => fmt.date(r.plannedDate) },
            { header: "Behaald", cell: (r) => r.achievedDate ? fmt.date(r.achievedDate) : "—" },
            { header: "Bijdragen", cell: (r) => r.contributions.length === 0 ? "—" : (
              <ul className="samenspel-plain">{r.contributions.map((c) => <li key={c.organisation.id}>{c.organisation.name}: {c.description}</li>)}</ul>
            ) },
          ]}
        />
      )}
    </Section>
  );
}

function Lessons({ o, signedIn }: { o: Q; signedIn: boolean }) {
  const own = o.lessons ?? [];
  const related = o.relatedLessons ?? [];
  return (
    <Section id="lessen" title="Lessen">
      <P>Blijf leren: wat deze opgave leerde, en lessen van andere opgaven met een gedeeld thema of een overlappend gebied. <AppLink to="/lessen">Alle lessen doorzoeken</AppLink>.</P>
      {!signedIn ? signInFirst : (
        <>
          {own.length === 0 ? <P>Deze opgave heeft nog geen lessen vastgelegd.</P> : (
            <ul className="utrecht-unordered-list" data-testid="lessons">
              {own.map((l) => <li key={l.id}><strong>{l.title}</strong> ({l.organisation.name}, {fmt.date(l.date)}){l.text ? `: ${l.text}` : ""}</li>)}
            </ul>
          )}
          <h3 className="utrecht-heading-3">Lessen van verwante opgaven</h3>
          {related.length === 0 ? <P>Geen lessen van andere opgaven met een gedeeld thema of overlappend gebied.</P> : (
            <ul className="utrecht-unordered-list" data-testid="related-lessons">
              {related.map((r) => (
                <li key={r.lesson.id}>
                  <strong>{r.lesson.title}</strong> — <AppLink to={links.opgave(r.lesson.opgave)}>{r.lesson.opgave.title}</AppLink>{" "}
                  ({[r.sharedThemes.length > 0 ? `gedeeld thema: ${r.sharedThemes.join(", ")}` : "", r.overlappingArea ? "overlappend gebied" : ""].filter(Boolean).join("; ")})
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </Section>
  );
}

const questions = [
  { id: "ci-goede", key: "rightThings", api: "input.rightThings", label: "Doen we het goede?" },
  { id: "ci-goed", key: "thingsRight", api: "input.thingsRight", label: "Doen we het goed?" },
  { id: "ci-samen", key: "together", api: "input.together", label: "Doen we het goed met elkaar?" },
] as const;
const checkInOrder = [...questions.map((q) => q.id), "ci-notitie"];
const checkInField = (api: string) => questions.find((q) => q.api === api)?.id ?? (api === "input.note" ? "ci-notitie" : undefined);
const checkInHints: Record<string, string> = { "ci-goede": "Kies 1 tot 5.", "ci-goed": "Kies 1 tot 5.", "ci-samen": "Kies 1 tot 5.", "ci-notitie": "Hoogstens 2000 tekens." };
const scoreWords = ["", "1: helemaal niet", "2: nauwelijks", "3: deels", "4: grotendeels", "5: helemaal"];

// CheckInForm records the caller's own organisation's check-in for today; a refused answer is
// marked at its question, with the focus moved there.
function CheckInForm({ opgaveId, organisation, onSaved }: { opgaveId: string; organisation: string; onSaved: () => void }) {
  const empty = { rightThings: "", thingsRight: "", together: "", note: "" };
  const [f, setF] = useState(empty);
  const [round, setRound] = useState(0);
  const clientKey = useMemo(() => crypto.randomUUID(), [round]); // eslint-disable-line react-hooks/exhaustive-deps
  const [saved, setSaved] = useState("");
  const [state, record] = useMutation(RecordCheckInDoc);
  const fe = useFormErrors(checkInField, checkInOrder, checkInHints);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await record({ in: { opgaveId, clientKey, rightThings: Number(f.rightThings) || 0, thingsRight: Number(f.thingsRight) || 0,
      together: Number(f.together) || 0, note: f.note } });
    fe.apply(r.error);
    if (r.data?.recordCheckIn) {
      setSaved(r.data.recordCheckIn.date);
      setF(empty);
      setRound((n) => n + 1);
      onSaved();
    }
  };
  return (
    <form className="samenspel-form" onSubmit={submit} noValidate aria-labelledby="check-in-kop" data-testid="check-in-form">
      <h3 className="utrecht-heading-3" id="check-in-kop">Check-in van {organisation} doen</h3>
      {fe.rest && <ErrorMessage error={fe.rest} />}
      {saved && <Alert type="ok">Check-in van {fmt.date(saved)} vastgelegd.</Alert>}
      {questions.map((q) => (
        <FormField key={q.id} id={q.id} label={q.label} error={fe.errors[q.id]}>
          <select {...fe.control(q.id)} className="utrecht-select utrecht-select--html-select" value={f[q.key]}
            onChange={(e) => { setF({ ...f, [q.key]: e.target.value }); setSaved(""); }}>
            <option value="">kies</option>
            {[1, 2, 3, 4, 5].map((v) => <option key={v} value={v}>{scoreWords[v]}</option>)}
          </select>
        </FormField>
      ))}
      <FormField id="ci-notitie" label="Notitie (alleen voor de redacteuren van uw organisatie)" error={fe.errors["ci-notitie"]}>
        <textarea {...fe.control("ci-notitie")} className="utrecht-textarea utrecht-textarea--html-textarea" value={f.note}
          onChange={(e) => { setF({ ...f, note: e.target.value }); setSaved(""); }} />
      </FormField>
      <Button type="submit" disabled={state.fetching}>Check-in vastleggen</Button>
    </form>
  );
}
