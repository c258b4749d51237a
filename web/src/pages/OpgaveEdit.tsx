import { useEffect, useMemo, useState, type FormEvent } from "react";
import { useNavigate, useParams } from "react-router-dom";
import { useMutation, useQuery } from "urql";
import { graphql } from "../gql";
import type { OpgaveEditQuery } from "../gql/graphql";
import { Page } from "../app/Layout";
import { Alert, AppLink, Button, ErrorMessage, FormField, Loading, P, Table, fmt } from "../app/ui";
import { links } from "../app/links";
import { may, useSession } from "../app/auth";
import { useFormErrors } from "../app/forms";
import { leads, levelLabel, roleLabel, scaleLabel, statusLabel } from "../app/labels";
import { today } from "../app/url";

const ThemesDoc = graphql(`
  query OpgaveFormThemes { themes { key label } }
`);

const OpgaveEditDoc = graphql(`
  query OpgaveEdit($id: ID!) {
    opgave(id: $id) {
      id title goal description themes scale status startDate endDate
      area { regions { id code division { key } } gemeenten { id code } }
      participants { organisation { id code name } roles { id type level from until person { id name } } }
    }
  }
`);

const CreateDoc = graphql(`
  mutation CreateOpgave($input: OpgaveInput!) { createOpgave(input: $input) { id title } }
`);
const UpdateDoc = graphql(`
  mutation UpdateOpgave($id: ID!, $input: OpgaveUpdateInput!) { updateOpgave(id: $id, input: $input) { id title } }
`);
const AssignDoc = graphql(`
  mutation AssignRole($input: RoleInput!) { assignRole(input: $input) { id type level organisation { id name } } }
`);
const EndDoc = graphql(`
  mutation EndRole($id: ID!, $until: Date!) { endRole(id: $id, until: $until) { id until } }
`);
const TrustDoc = graphql(`
  mutation RecordTrust($input: TrustAssessmentInput!) { recordTrustAssessment(input: $input) { id score date to { id name } } }
`);

const scales = ["LOKAAL", "REGIONAAL", "PROVINCIAAL", "LANDELIJK"];
const statuses = ["VERKENNING", "UITVOERING", "AFGEROND", "GESTOPT"];
const roleTypes = ["TREKKER", "MEDETREKKER", "DEELNEMER", "FINANCIER", "UITVOERDER", "ADVISEUR", "OPDRACHTGEVER"];

const list = (s: string) => s.split(/[\s,;]+/).map((x) => x.trim()).filter(Boolean);

// Where the API's input fields (extensions.field) are in the opgave form.
const opgaveFields: Record<string, string> = {
  title: "titel", goal: "doel", description: "omschrijving", themes: "themas", scale: "schaal", status: "status",
  startDate: "start", endDate: "einde", clearEndDate: "einde", area: "gemeenten", "area.gemeenten": "gemeenten",
  "area.regions": "regios", ownRole: "eigen-rol", ownRoleLevel: "eigen-rol",
};
const opgaveOrder = ["titel", "doel", "omschrijving", "themas", "schaal", "status", "start", "einde", "gemeenten", "regios", "eigen-rol"];
const opgaveHints: Record<string, string> = {
  titel: "Geef een titel (ten hoogste 300 tekens).",
  doel: "Geef een doel dat te toetsen is.",
  themas: "Kies een of meer thema's uit de lijst.",
  gemeenten: "Geef bestaande CBS-codes van gemeenten, of regio's hieronder.",
  regios: "Geef regio's als indeling/code, bijvoorbeeld veiligheidsregio/VR09.",
  start: "Geef een geldige datum.",
  einde: "De einddatum ligt niet vóór de startdatum.",
};
function toOpgaveField(f: string): string | undefined {
  const k = f.replace(/^input\./, "").replace(/\[\d+\]/g, "");
  return opgaveFields[k] ?? (k.startsWith("area.regions") ? "regios" : k.startsWith("area") ? "gemeenten" : undefined);
}

// The form for a new opgave (/opgave/nieuw, createOpgave) and for changing one
// (/opgave/:id/bewerken, updateOpgave); on the edit page also assigning and ending roles and
// recording a trust assessment. Validation errors of the service appear at their field, and the
// first invalid field gets the focus. The service decides who may; the page only hides the forms
// from who may not (editors of an organisation that leads the opgave, and admins).
export default function OpgaveEditPage() {
  const { id } = useParams();
  const s = useSession();
  const [edit] = useQuery({ query: OpgaveEditDoc, variables: { id: id ?? "" }, pause: !id });
  const o = edit.data?.opgave;
  const title = id ? `Opgave bewerken${o ? `: ${o.title}` : ""}` : "Nieuwe opgave";
  if (!may(s.role, "editor", "admin")) {
    return <Page title={title}><Alert type="warning">Alleen redacteuren en beheerders kunnen opgaven aanmaken of wijzigen. <AppLink to="/aanmelden">Aanmelden</AppLink></Alert></Page>;
  }
  if (id && edit.fetching && !o) return <Page title={title}><Loading label="Opgave laden…" /></Page>;
  if (id && !o) return <Page title={title}><ErrorMessage error={edit.error} />{!edit.error && <P>Deze opgave bestaat niet (meer).</P>}</Page>;
  const mayChange = !o || may(s.role, "admin") || leads(s.organisation?.id, o.participants);
  return (
    <Page title={title} intro={id ? "Wijzig wat er verandert; wat u niet wijzigt, blijft zoals het is." : "Uw organisatie krijgt een rol op de nieuwe opgave (standaard: trekker)."}>
      {o && <P><AppLink to={links.opgave(o)}>Terug naar de opgave</AppLink></P>}
      {!mayChange && <Alert type="warning">Uw organisatie trekt deze opgave niet: wijzigingen worden geweigerd. Uw eigen rollen kunt u wel beëindigen.</Alert>}
      <OpgaveForm o={o ?? undefined} />
      {o && <Roles o={o} />}
      {o && s.role === "editor" && <TrustForm o={o} />}
    </Page>
  );
}

type Edited = NonNullable<OpgaveEditQuery["opgave"]>;

function OpgaveForm({ o }: { o?: Edited }) {
  const s = useSession();
  const navigate = useNavigate();
  const [themesQ] = useQuery({ query: ThemesDoc });
  const ownGemeente = s.organisation?.code?.startsWith("GM") ? s.organisation.code : "";
  const [f, setF] = useState(() => ({
    title: o?.title ?? "", goal: o?.goal ?? "", description: o?.description ?? "", themes: o?.themes ?? [],
    scale: o?.scale ?? "LOKAAL", status: o?.status ?? "VERKENNING", startDate: o?.startDate ?? "", endDate: o?.endDate ?? "",
    gemeenten: o ? o.area.gemeenten.map((g) => g.code).join(", ") : ownGemeente,
    regions: o ? o.area.regions.map((r) => `${r.division.key}/${r.code}`).join(", ") : "",
    ownRole: "TREKKER",
  }));
  const clientKey = useMemo(() => crypto.randomUUID(), []);
  const [created, create] = useMutation(CreateDoc);
  const [updated, update] = useMutation(UpdateDoc);
  const [saved, setSaved] = useState(false);
  const fe = useFormErrors(toOpgaveField, opgaveOrder, opgaveHints);
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => { setF({ ...f, [k]: e.target.value }); setSaved(false); };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const area = {
      gemeenten: list(f.gemeenten),
      regions: list(f.regions).map((r) => { const [division, ...code] = r.split("/"); return { division, code: code.join("/") }; }),
    };
    const common = {
      title: f.title, goal: f.goal, description: f.description, themes: f.themes,
      scale: f.scale as Edited["scale"], status: f.status as Edited["status"],
      startDate: f.startDate || null, endDate: f.endDate || null, area,
    };
    if (!o) {
      const r = await create({ input: { ...common, clientKey, ownRole: f.ownRole as "TREKKER" } });
      fe.apply(r.error);
      if (r.data?.createOpgave) navigate(links.opgave(r.data.createOpgave));
    } else {
      const r = await update({ id: o.id, input: { ...common, clearEndDate: !f.endDate } });
      fe.apply(r.error);
      setSaved(!!r.data?.updateOpgave);
    }
  };
  const themes = themesQ.data?.themes ?? [];
  const busy = created.fetching || updated.fetching;
  const err = fe.errors;
  return (
    <form className="samenspel-form" onSubmit={submit} noValidate aria-labelledby="form-kop">
      <h2 className="utrecht-heading-2" id="form-kop">{o ? "Gegevens" : "Wat, waar en wie"}</h2>
      {fe.rest && <ErrorMessage error={fe.rest} />}
      {Object.keys(err).length > 0 && <Alert type="error">Niet opgeslagen: {Object.keys(err).length === 1 ? "één veld klopt" : `${Object.keys(err).length} velden kloppen`} niet; zie de melding bij het veld.</Alert>}
      {saved && <Alert type="ok">Opgeslagen.</Alert>}
      <FormField id="titel" label="Titel" error={err.titel}>
        <input {...fe.control("titel")} className="utrecht-textbox utrecht-textbox--html-input" aria-required="true" value={f.title} onChange={set("title")} />
      </FormField>
      <FormField id="doel" label="Doel (toetsbaar)" error={err.doel} description="Bijvoorbeeld: 75.000 woningen, waar en voor wie?">
        <input {...fe.control("doel", true)} className="utrecht-textbox utrecht-textbox--html-input" aria-required="true" value={f.goal} onChange={set("goal")} />
      </FormField>
      <FormField id="omschrijving" label="Omschrijving" error={err.omschrijving}>
        <textarea {...fe.control("omschrijving")} className="utrecht-textarea" rows={3} value={f.description} onChange={set("description")} />
      </FormField>
      <FormField id="themas" label="Thema's" error={err.themas} description="Houd Ctrl (of Cmd) ingedrukt om meer thema's te kiezen.">
        {/* The form sends the option values as they are in the page; the service checks them
            against its list (a list that changed since the page loaded gives an error here). */}
        <select {...fe.control("themas", true)} className="utrecht-select utrecht-select--html-select" multiple size={6} aria-required="true" value={f.themes}
          onChange={(e) => { setF({ ...f, themes: [...e.target.selectedOptions].map((x) => x.value) }); setSaved(false); }}>
          {themes.map((t) => <option key={t.key} value={t.key}>{t.label}</option>)}
        </select>
      </FormField>
      <FormField id="schaal" label="Schaal" error={err.schaal}>
        <select {...fe.control("schaal")} className="utrecht-select utrecht-select--html-select" value={f.scale} onChange={set("scale")}>
          {scales.map((x) => <option key={x} value={x}>{scaleLabel[x]}</option>)}
        </select>
      </FormField>
      <FormField id="status" label="Status" error={err.status}>
        <select {...fe.control("status")} className="utrecht-select utrecht-select--html-select" value={f.status} onChange={set("status")}>
          {statuses.map((x) => <option key={x} value={x}>{statusLabel[x]}</option>)}
        </select>
      </FormField>
      <FormField id="start" label="Startdatum" error={err.start}>
        <input {...fe.control("start")} type="date" className="utrecht-textbox utrecht-textbox--html-input" value={f.startDate} onChange={set("startDate")} />
      </FormField>
      <FormField id="einde" label="Geplande einddatum (leeg: open einde)" error={err.einde}>
        <input {...fe.control("einde")} type="date" className="utrecht-textbox utrecht-textbox--html-input" value={f.endDate} onChange={set("endDate")} />
      </FormField>
      <FormField id="gemeenten" label="Gebied: gemeenten" error={err.gemeenten} description="CBS-codes, gescheiden door komma's, bijvoorbeeld GM0344, GM0355.">
        <input {...fe.control("gemeenten", true)} className="utrecht-textbox utrecht-textbox--html-input" value={f.gemeenten} onChange={set("gemeenten")} />
      </FormField>
      <FormField id="regios" label="Gebied: regio's" error={err.regios} description="Indeling/code, gescheiden door komma's, bijvoorbeeld veiligheidsregio/VR09.">
        <input {...fe.control("regios", true)} className="utrecht-textbox utrecht-textbox--html-input" value={f.regions} onChange={set("regions")} />
      </FormField>
      {!o && (
        <FormField id="eigen-rol" label={`Rol van ${s.organisation?.name ?? "uw organisatie"}`} error={err["eigen-rol"]}>
          <select {...fe.control("eigen-rol")} className="utrecht-select utrecht-select--html-select" value={f.ownRole} onChange={set("ownRole")}>
            {roleTypes.map((x) => <option key={x} value={x}>{roleLabel[x]}</option>)}
          </select>
        </FormField>
      )}
      <div><Button type="submit" disabled={busy}>{busy ? "Bezig met opslaan…" : o ? "Wijzigingen opslaan" : "Opgave aanmaken"}</Button></div>
    </form>
  );
}

const roleFields: Record<string, string> = {
  organisationId: "rol-organisatie", personId: "rol-organisatie", type: "rol-type", level: "rol-niveau", from: "rol-van",
  until: "rol-van", contributionEuros: "rol-euro", contributionFte: "rol-euro", opgaveId: "rol-organisatie",
};
const toRoleField = (f: string) => roleFields[f.replace(/^input\./, "")] ?? (f === "until" ? "einde-datum" : undefined);

function Roles({ o }: { o: Edited }) {
  const s = useSession();
  const [assigned, assign] = useMutation(AssignDoc);
  const [ended, end] = useMutation(EndDoc);
  const [a, setA] = useState({ org: "", type: "DEELNEMER", level: "AMBTELIJK", from: today(), euros: "" });
  const [endRole, setEndRole] = useState("");
  const [until, setUntil] = useState(today());
  const [msg, setMsg] = useState("");
  const fa = useFormErrors(toRoleField, ["rol-organisatie", "rol-type", "rol-niveau", "rol-van", "rol-euro"], {
    "rol-organisatie": "Geef het id van een bestaande organisatie (voor gemeenten de CBS-code).",
    "rol-euro": "Een inbreng is niet negatief.",
  });
  const fend = useFormErrors((f) => (f === "until" || f === "id" ? (f === "id" ? "einde-rol" : "einde-datum") : undefined), ["einde-rol", "einde-datum"], {
    "einde-datum": "De einddatum ligt niet vóór de start van de rol.",
  });
  const roles = o.participants.flatMap((p) => p.roles.map((r) => ({ ...r, organisation: p.organisation })));
  const mine = (orgId: string) => orgId === s.organisation?.id;
  const endable = may(s.role, "admin") || leads(s.organisation?.id, o.participants) ? roles : roles.filter((r) => mine(r.organisation.id));
  // the cache drops every answer with an Opgave or Role in it after a change, so the table and the
  // opgave page show the change when asked again.

  const onAssign = async (e: FormEvent) => {
    e.preventDefault();
    setMsg("");
    const r = await assign({ input: {
      opgaveId: o.id, organisationId: a.org.trim(), type: a.type as "DEELNEMER", level: a.level as "AMBTELIJK",
      from: a.from || null, contributionEuros: a.euros ? Number(a.euros) : null, clientKey: crypto.randomUUID(),
    } });
    fa.apply(r.error);
    if (r.data?.assignRole) { setMsg(`${r.data.assignRole.organisation.name} is nu ${roleLabel[r.data.assignRole.type]}.`); setA({ ...a, org: "", euros: "" }); }
  };
  const onEnd = async (e: FormEvent) => {
    e.preventDefault();
    setMsg("");
    if (!endRole) return;
    const r = await end({ id: endRole, until });
    fend.apply(r.error);
    if (r.data?.endRole) { setMsg(`De rol is beëindigd per ${fmt.date(until)}.`); setEndRole(""); }
  };
  return (
    <section aria-labelledby="rollen">
      <h2 className="utrecht-heading-2" id="rollen">Rollen</h2>
      {msg && <Alert type="ok">{msg}</Alert>}
      <Table
        caption={`Huidige rollen op ${o.title}`}
        rows={roles}
        rowKey={(r) => r.id}
        columns={[
          { header: "Organisatie", cell: (r) => r.organisation.name },
          { header: "Rol", cell: (r) => `${roleLabel[r.type]} (${levelLabel[r.level]})` },
          { header: "Sinds", cell: (r) => fmt.date(r.from) },
          { header: "Persoon", cell: (r) => r.person?.name ?? "—" },
        ]}
      />
      <form className="samenspel-form" onSubmit={onAssign} noValidate aria-labelledby="rol-kop" data-testid="assign-role">
        <h3 className="utrecht-heading-3" id="rol-kop">Rol toekennen</h3>
        {fa.rest && <ErrorMessage error={fa.rest} />}
        <FormField id="rol-organisatie" label="Organisatie (id; voor gemeenten de CBS-code, bijvoorbeeld GM0355)" error={fa.errors["rol-organisatie"]}>
          <input {...fa.control("rol-organisatie")} className="utrecht-textbox utrecht-textbox--html-input" value={a.org} onChange={(e) => setA({ ...a, org: e.target.value })} />
        </FormField>
        <FormField id="rol-type" label="Rol" error={fa.errors["rol-type"]}>
          <select {...fa.control("rol-type")} className="utrecht-select utrecht-select--html-select" value={a.type} onChange={(e) => setA({ ...a, type: e.target.value })}>
            {roleTypes.map((x) => <option key={x} value={x}>{roleLabel[x]}</option>)}
          </select>
        </FormField>
        <FormField id="rol-niveau" label="Niveau" error={fa.errors["rol-niveau"]}>
          <select {...fa.control("rol-niveau")} className="utrecht-select utrecht-select--html-select" value={a.level} onChange={(e) => setA({ ...a, level: e.target.value })}>
            <option value="AMBTELIJK">ambtelijk</option>
            <option value="BESTUURLIJK">bestuurlijk</option>
          </select>
        </FormField>
        <FormField id="rol-van" label="Vanaf" error={fa.errors["rol-van"]}>
          <input {...fa.control("rol-van")} type="date" className="utrecht-textbox utrecht-textbox--html-input" value={a.from} onChange={(e) => setA({ ...a, from: e.target.value })} />
        </FormField>
        <FormField id="rol-euro" label="Inbreng in euro (leeg: niet afgesproken)" error={fa.errors["rol-euro"]}>
          <input {...fa.control("rol-euro")} type="number" min={0} step={1000} className="utrecht-textbox utrecht-textbox--html-input" value={a.euros} onChange={(e) => setA({ ...a, euros: e.target.value })} />
        </FormField>
        <div><Button type="submit" disabled={assigned.fetching}>Rol toekennen</Button></div>
      </form>
      <form className="samenspel-form" onSubmit={onEnd} noValidate aria-labelledby="einde-kop" data-testid="end-role">
        <h3 className="utrecht-heading-3" id="einde-kop">Rol beëindigen</h3>
        {fend.rest && <ErrorMessage error={fend.rest} />}
        <FormField id="einde-rol" label="Welke rol" error={fend.errors["einde-rol"]}>
          <select {...fend.control("einde-rol")} className="utrecht-select utrecht-select--html-select" value={endRole} onChange={(e) => setEndRole(e.target.value)}>
            <option value="">kies een rol</option>
            {endable.map((r) => <option key={r.id} value={r.id}>{r.organisation.name}: {roleLabel[r.type]} ({levelLabel[r.level]})</option>)}
          </select>
        </FormField>
        <FormField id="einde-datum" label="Eerste dag zonder de rol" error={fend.errors["einde-datum"]}>
          <input {...fend.control("einde-datum")} type="date" className="utrecht-textbox utrecht-textbox--html-input" value={until} onChange={(e) => setUntil(e.target.value)} />
        </FormField>
        <div><Button type="submit" disabled={ended.fetching || !endRole}>Rol beëindigen</Button></div>
      </form>
    </section>
  );
}

const trustFields: Record<string, string> = { to: "vt-naar", score: "vt-score", date: "vt-datum", note: "vt-notitie", recordedBy: "vt-door", from: "vt-naar", opgaveId: "vt-naar" };

function TrustForm({ o }: { o: Edited }) {
  const s = useSession();
  const [res, record] = useMutation(TrustDoc);
  const others = o.participants.map((p) => p.organisation).filter((g) => g.id !== s.organisation?.id);
  const [t, setT] = useState({ to: "", score: "3", date: today(), note: "", by: s.name ?? "" });
  useEffect(() => { if (!t.by && s.name) setT((x) => ({ ...x, by: s.name ?? "" })); }, [s.name, t.by]);
  const [msg, setMsg] = useState("");
  const ft = useFormErrors((f) => trustFields[f.replace(/^input\./, "")], ["vt-naar", "vt-score", "vt-datum", "vt-notitie", "vt-door"], {
    "vt-naar": "Kies een andere deelnemer dan uw eigen organisatie.",
    "vt-score": "Een score is 1 tot en met 5.",
    "vt-datum": "De datum ligt niet in de toekomst.",
    "vt-door": "Vul in wie de beoordeling vastlegt.",
  });
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setMsg("");
    const r = await record({ input: {
      to: t.to, score: Number(t.score), date: t.date || null, opgaveId: o.id, note: t.note, recordedBy: t.by, clientKey: crypto.randomUUID(),
    } });
    ft.apply(r.error);
    if (r.data?.recordTrustAssessment) setMsg(`Vastgelegd: vertrouwen in ${r.data.recordTrustAssessment.to.name} is ${r.data.recordTrustAssessment.score} van 5.`);
  };
  return (
    <form className="samenspel-form" onSubmit={onSubmit} noValidate aria-labelledby="vt-kop" data-testid="trust-form">
      <h2 className="utrecht-heading-2" id="vt-kop">Vertrouwen vastleggen</h2>
      <P>Hoe {s.organisation?.name ?? "uw organisatie"} een andere deelnemer in deze opgave vertrouwt, van 1 (geen) tot 5 (volledig). Eerdere beoordelingen blijven bewaard.</P>
      {msg && <Alert type="ok">{msg}</Alert>}
      {ft.rest && <ErrorMessage error={ft.rest} />}
      <FormField id="vt-naar" label="Organisatie" error={ft.errors["vt-naar"]}>
        <select {...ft.control("vt-naar")} className="utrecht-select utrecht-select--html-select" value={t.to} onChange={(e) => setT({ ...t, to: e.target.value })}>
          <option value="">kies een deelnemer</option>
          {others.map((g) => <option key={g.id} value={g.id}>{g.name}</option>)}
        </select>
      </FormField>
      <FormField id="vt-score" label="Score" error={ft.errors["vt-score"]}>
        <select {...ft.control("vt-score")} className="utrecht-select utrecht-select--html-select" value={t.score} onChange={(e) => setT({ ...t, score: e.target.value })}>
          {[1, 2, 3, 4, 5].map((n) => <option key={n} value={n}>{n}</option>)}
        </select>
      </FormField>
      <FormField id="vt-datum" label="Datum" error={ft.errors["vt-datum"]}>
        <input {...ft.control("vt-datum")} type="date" className="utrecht-textbox utrecht-textbox--html-input" value={t.date} onChange={(e) => setT({ ...t, date: e.target.value })} />
      </FormField>
      <FormField id="vt-notitie" label="Notitie (alleen voor uw eigen organisatie zichtbaar)" error={ft.errors["vt-notitie"]}>
        <textarea {...ft.control("vt-notitie")} className="utrecht-textarea" rows={2} value={t.note} onChange={(e) => setT({ ...t, note: e.target.value })} />
      </FormField>
      <FormField id="vt-door" label="Vastgelegd door" error={ft.errors["vt-door"]}>
        <input {...ft.control("vt-door")} className="utrecht-textbox utrecht-textbox--html-input" value={t.by} onChange={(e) => setT({ ...t, by: e.target.value })} />
      </FormField>
      <div><Button type="submit" disabled={res.fetching}>Beoordeling vastleggen</Button></div>
    </form>
  );
}
