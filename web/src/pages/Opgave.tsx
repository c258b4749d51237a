import { useEffect, useMemo, useState } from "react";
import { useParams } from "react-router-dom";
import { useQuery } from "urql";
import { graphql } from "../gql";
import type { OpgaveConnectedQuery, OpgavePageQuery } from "../gql/graphql";
import { Page } from "../app/Layout";
import { AppLink, Button, ErrorMessage, Loading, P, Section, Table, fmt } from "../app/ui";
import { HealthStatus, healthEvidence } from "../app/health";
import { GemeenteMap } from "../app/GemeenteMap";
import { OpgaveGraph, type GraphNode } from "../app/OpgaveGraph";
import { useUrlState } from "../app/url";
import { links } from "../app/links";
import { may, useSession } from "../app/auth";
import { Practice } from "./OpgavePractice";
import { denied, onlyDenied } from "../app/errors";
import {
  connectionLabel, euro, healthKeys, instrumentLabel, leads, levelLabel, linkLabel, roleLabel, scaleLabel, statusLabel,
} from "../app/labels";

const OpgaveDoc = graphql(`
  query OpgavePage($id: ID!, $signedIn: Boolean!, $analyst: Boolean!) {
    opgave(id: $id) {
      id title goal description themes scale status startDate endDate generated
      participantCount totalContributionEuros
      area { regions { id code name division { key name } memberCount } gemeenten { id code name } }
      trekker { id level organisation { id code name } person @include(if: $signedIn) { id name function } }
      trekkerAmbtelijk: trekker(level: AMBTELIJK) { id level organisation { id code name } person @include(if: $signedIn) { id name function } }
      contacts @include(if: $signedIn) { person { id name function organisation { id code name } } roles { id type level } }
      participants {
        organisation { id code name }
        contributionEuros contributionFte
        roles { id type level from until contributionEuros contributionFte person @include(if: $signedIn) { id name } }
      }
      instruments { id name type description amountEuros }
      links { type note outgoing opgave { id title } }
      health { key label value status evidence organisations { id code name } }
      trustClimate @include(if: $signedIn) {
        participants pairs assessedPairs coverage meanTrust oldestAssessment newestAssessment meanAgeDays
        minTrust @include(if: $analyst)
        weakestPairs @include(if: $analyst) { a { id code name } b { id code name } trust }
      }
    }
    themes { key label }
  }
`);

// Who else and the connected opgaven are asked apart: each is a search through the graph of its
// own, and each section shows as soon as its answer is there.
const WhoElseDoc = graphql(`
  query OpgaveWhoElse($id: ID!) {
    whoElseAnswer(opgave: $id, first: 10) {
      relatedThemes emptyReason
      hits {
        organisation { id code name }
        score sharedThemes relatedThemes areaOverlap sharedOpgaven explanation
        evidence { opgave { id title } roles { id type level } }
      }
    }
  }
`);

const ConnectedDoc = graphql(`
  query OpgaveConnected($id: ID!) {
    opgave(id: $id) {
      id
      connected(maxDepth: 2, first: 30) {
        depth
        opgave { id title status }
        reasons { kind via { id title } linkType organisation { id code name } instrument { id name } region { id name } }
      }
    }
  }
`);

// The gemeenten of the area for the map: those named and the members of its regions.
const AreaMapDoc = graphql(`
  query OpgaveAreaMap($id: ID!) {
    opgave(id: $id) {
      id
      area { regions { id name members(first: 100) { edges { node { code } } } } gemeenten { code name } }
    }
  }
`);

const PathDoc = graphql(`
  query OpgavePath($from: ID!, $to: ID!) {
    target: opgave(id: $to) { id title }
    connection(from: $from, to: $to, first: 3) {
      length
      steps {
        kind relation
        opgave { id title }
        organisation { id code name }
        region { id name division { name } }
        instrument { id name }
      }
    }
  }
`);

const OpgaveSearchDoc = graphql(`
  query OpgaveSearch($text: String!) {
    search(text: $text, first: 20) { kind label opgave { id title status } }
  }
`);

const ContactDoc = graphql(`
  query PersonContact($id: ID!) { personContact(id: $id) { email phone } }
`);

type O = NonNullable<OpgavePageQuery["opgave"]>;
type Conn = NonNullable<OpgaveConnectedQuery["opgave"]>["connected"][number];

// The opgave page: Wat? (goal, themes, area on a map), Wie? (trekker, contacts, participants),
// Wie doet wat? (roles and contributions), Waarmee? (instruments); then its collaboration health as
// traffic lights, the trust climate, who else could join, the opgaven connected to it (a graph and
// a list) and the route to another opgave (?naar= in the URL). What the caller may not see is said.
export default function OpgavePage() {
  const { id = "" } = useParams();
  const s = useSession();
  const analyst = may(s.role, "analyst", "admin");
  const [{ data, fetching, error }] = useQuery({ query: OpgaveDoc, variables: { id, signedIn: s.signedIn, analyst } });
  const o = data?.opgave;
  const hidden = denied(error);
  const editable = !!o && (may(s.role, "admin") || (s.role === "editor" && leads(s.organisation?.id, o.participants)));
  const themeLabel = useMemo(() => new Map((data?.themes ?? []).map((t) => [t.key, t.label])), [data]);

  return (
    <Page title={o?.title ?? "Opgave"} intro={o ? o.goal : undefined}>
      {fetching && <Loading label="Opgave laden…" />}
      {error && !onlyDenied(error) && <ErrorMessage error={error} />}
      {!fetching && data && !o && <P>Deze opgave bestaat niet (meer).</P>}
      {o && (
        <>
          {editable && (
            <P><AppLink to={links.opgaveEdit(o)}>Opgave bewerken, rollen en vertrouwen</AppLink></P>
          )}
          <Wat o={o} themeLabel={themeLabel} />
          <Wie o={o} signedIn={s.signedIn} mayContact={may(s.role, "editor", "admin")} hiddenContacts={hidden.get("opgave.contacts")} />
          <WieDoetWat o={o} signedIn={s.signedIn} />
          <Waarmee o={o} />
          <Health o={o} />
          <Practice id={o.id} health={o.health} participants={o.participants.map((p) => p.organisation.id)} />
          <Trust o={o} signedIn={s.signedIn} hidden={hidden.get("opgave.trustClimate")} analyst={analyst} />
          <WhoElse id={o.id} themeLabel={themeLabel} />
          <Connected o={o} />
          <PathTo from={o} />
        </>
      )}
    </Page>
  );
}

function Wat({ o, themeLabel }: { o: O; themeLabel: Map<string, string> }) {
  const [{ data, fetching }] = useQuery({ query: AreaMapDoc, variables: { id: o.id } });
  const areas = useMemo(() => {
    const a = data?.opgave?.area;
    if (!a) return [];
    const seen = new Map<string, { code: string; fill: string; label: string }>();
    for (const g of a.gemeenten) seen.set(g.code ?? "", { code: g.code ?? "", fill: "#1b6ca8", label: "genoemd in het gebied" });
    for (const r of a.regions) for (const e of r.members.edges) {
      if (e.node.code && !seen.has(e.node.code)) seen.set(e.node.code, { code: e.node.code, fill: "#9cc3e4", label: `via ${r.name}` });
    }
    return [...seen.values()].filter((x) => x.code);
  }, [data]);
  return (
    <Section id="wat" title="Wat?">
      <dl className="samenspel-facts">
        <dt>Doel</dt><dd>{o.goal}</dd>
        {o.description && (<><dt>Omschrijving</dt><dd>{o.description}</dd></>)}
        <dt>Thema's</dt><dd>{o.themes.map((t) => themeLabel.get(t) ?? t).join(", ")}</dd>
        <dt>Schaal</dt><dd>{scaleLabel[o.scale]}</dd>
        <dt>Status</dt><dd>{statusLabel[o.status]}</dd>
        <dt>Looptijd</dt><dd>{o.startDate ? fmt.date(o.startDate) : "start niet vastgelegd"} – {o.endDate ? fmt.date(o.endDate) : "geen einddatum"}</dd>
        <dt>Gebied</dt>
        <dd>
          <ul className="utrecht-unordered-list" data-testid="area-list">
            {o.area.regions.map((r) => <li key={r.id}>{r.name} ({r.division.name}, {r.memberCount} gemeenten)</li>)}
            {o.area.gemeenten.map((g) => <li key={g.id}><AppLink to={links.organisation(g)}>{g.name}</AppLink></li>)}
          </ul>
        </dd>
      </dl>
      {o.generated && <P>Deze opgave hoort bij de gegenereerde voorbeeldgegevens: geen echte gegevens.</P>}
      {fetching && <Loading label="Kaart van het gebied laden…" />}
      {areas.length > 0 && (
        <GemeenteMap
          testId="opgave-map"
          title={`Kaart van het gebied van ${o.title}: ${areas.length} gemeenten`}
          areas={areas}
          legend={[
            ...(o.area.gemeenten.length ? [{ fill: "#1b6ca8", label: "gemeente in het gebied" }] : []),
            ...(o.area.regions.length ? [{ fill: "#9cc3e4", label: "gemeente van een regio in het gebied" }] : []),
          ]}
        />
      )}
    </Section>
  );
}

function Wie({ o, signedIn, mayContact, hiddenContacts }: { o: O; signedIn: boolean; mayContact: boolean; hiddenContacts?: string }) {
  const trekkers = [o.trekker, o.trekkerAmbtelijk].filter((t): t is NonNullable<O["trekker"]> => !!t);
  return (
    <Section id="wie" title="Wie?">
      <h3 className="utrecht-heading-3">Trekker</h3>
      {trekkers.length === 0 ? <P>Deze opgave heeft nu geen trekker.</P> : (
        <ul className="utrecht-unordered-list" data-testid="trekkers">
          {trekkers.map((t) => (
            <li key={t.id} data-testid="trekker">
              <AppLink to={links.organisation(t.organisation)}>{t.organisation.name}</AppLink> ({levelLabel[t.level]})
              {t.person ? `: ${t.person.name}, ${t.person.function}` : ""}
            </li>
          ))}
        </ul>
      )}
      <h3 className="utrecht-heading-3">Contactpersonen</h3>
      {!signedIn || hiddenContacts ? (
        <P>Namen van contactpersonen zijn alleen zichtbaar voor wie is aangemeld.</P>
      ) : !o.contacts || o.contacts.length === 0 ? <P>Er zijn geen personen in de rollen genoemd.</P> : (
        <>
          <P>
            {mayContact
              ? "E-mail en telefoon zijn persoonsgegevens: u ziet ze per persoon, als uw organisatie aan een opgave van die persoon deelneemt. Elke inzage wordt vastgelegd."
              : "E-mail en telefoon zijn verborgen: alleen redacteuren van deelnemende organisaties en beheerders zien ze."}
          </P>
          <Table
            caption={`Contactpersonen van ${o.title}`}
            rows={o.contacts}
            rowKey={(c) => c.person.id}
            columns={[
              { header: "Naam", cell: (c) => c.person.name },
              { header: "Functie", cell: (c) => c.person.function },
              { header: "Organisatie", cell: (c) => c.person.organisation ? <AppLink to={links.organisation(c.person.organisation)}>{c.person.organisation.name}</AppLink> : "" },
              { header: "Rollen", cell: (c) => c.roles.map((r) => `${roleLabel[r.type]} (${levelLabel[r.level]})`).join(", ") },
              ...(mayContact ? [{ header: "Contact", cell: (c: NonNullable<O["contacts"]>[number]) => <ContactDetails personId={c.person.id} name={c.person.name} /> }] : []),
            ]}
          />
        </>
      )}
    </Section>
  );
}

function ContactDetails({ personId, name }: { personId: string; name: string }) {
  const [asked, setAsked] = useState(false);
  const [{ data, fetching, error }] = useQuery({ query: ContactDoc, variables: { id: personId }, pause: !asked });
  if (!asked) return <Button appearance="subtle-button" onClick={() => setAsked(true)}>Toon contactgegevens<span className="samenspel-visually-hidden"> van {name}</span></Button>;
  if (fetching) return <span>laden…</span>;
  if (error) return <span>{denied(error).size > 0 ? "niet zichtbaar voor uw rol" : "kon niet worden geladen"}</span>;
  const c = data?.personContact;
  if (!c) return <span>niet zichtbaar voor uw rol</span>;
  return <span>{c.email ?? "geen e-mail"} · {c.phone ?? "geen telefoon"}</span>;
}

function WieDoetWat({ o, signedIn }: { o: O; signedIn: boolean }) {
  return (
    <Section id="wie-doet-wat" title="Wie doet wat?">
      <P>{o.participantCount} organisaties met een rol; samen {euro(o.totalContributionEuros)} aan inbreng.{signedIn ? "" : " Namen van personen in rollen ziet u na aanmelden."}</P>
      <Table
        caption={`Deelnemers aan ${o.title}, trekkers eerst, met hun rollen en inbreng`}
        rows={o.participants}
        rowKey={(p) => p.organisation.id}
        columns={[
          { header: "Organisatie", cell: (p) => <AppLink to={links.organisation(p.organisation)}>{p.organisation.name}</AppLink> },
          { header: "Rollen", cell: (p) => (
            <ul className="samenspel-plain">
              {p.roles.map((r) => (
                <li key={r.id}>{roleLabel[r.type]} ({levelLabel[r.level]}), sinds {fmt.date(r.from)}{r.until ? `, tot ${fmt.date(r.until)}` : ""}{r.person ? ` — ${r.person.name}` : ""}</li>
              ))}
            </ul>
          ) },
          { header: "Inbreng (euro)", numeric: true, cell: (p) => p.contributionEuros ? euro(p.contributionEuros) : "—" },
          { header: "Inbreng (fte)", numeric: true, cell: (p) => p.contributionFte ? fmt.num(p.contributionFte, 1) : "—" },
        ]}
      />
    </Section>
  );
}

function Waarmee({ o }: { o: O }) {
  return (
    <Section id="waarmee" title="Waarmee?">
      {o.instruments.length === 0 ? <P>Er zijn geen instrumenten vastgelegd.</P> : (
        <Table
          caption={`Instrumenten van ${o.title}`}
          rows={o.instruments}
          rowKey={(i) => i.id}
          columns={[
            { header: "Instrument", cell: (i) => i.name },
            { header: "Soort", cell: (i) => instrumentLabel[i.type] ?? i.type },
            { header: "Bedrag", numeric: true, cell: (i) => i.amountEuros != null ? euro(i.amountEuros) : "onbekend" },
          ]}
        />
      )}
    </Section>
  );
}

function healthValue(key: string, v: number | null | undefined): string {
  if (v == null) return "—";
  if (key === "ROLES_AGREED" || key === "CONTRIBUTION_MATCHES_STAKE" || key === "TRUST_COVERAGE") return fmt.pct(v);
  if (key === "TRUST_LEVEL") return `${fmt.num(v, 1)} van 5`;
  if (key === "TRUST_FRESHNESS") return `${fmt.num(v, 0)} dagen`;
  return fmt.num(v, 0);
}

function Health({ o }: { o: O }) {
  const byKey = new Map(o.health.map((h) => [h.key as string, h]));
  const rows = healthKeys.map((k) => ({ key: k.key, label: byKey.get(k.key)?.label ?? k.label, h: byKey.get(k.key) })); // the practice indicators have their own section
  return (
    <Section id="gezondheid" title="Gezondheid van de samenwerking">
      <P>Zeven indicatoren, naar de zeven zekerheden van het Interbestuurlijk Programma.{rows.some((r) => !r.h) ? " De indicatoren over vertrouwen zijn voor uw rol niet zichtbaar." : ""}</P>
      <Table
        caption={`Gezondheid van ${o.title}: zeven indicatoren`}
        rows={rows}
        rowKey={(r) => r.key}
        columns={[
          { header: "Indicator", cell: (r) => r.label },
          { header: "Stand", cell: (r) => <HealthStatus h={r.h} /> },
          { header: "Waarde", cell: (r) => r.h ? healthValue(r.key, r.h.value) : "—" },
          { header: "Onderbouwing", cell: (r) => healthEvidence(r.h) ?? "—" },
        ]}
      />
    </Section>
  );
}

function Trust({ o, signedIn, hidden, analyst }: { o: O; signedIn: boolean; hidden?: string; analyst: boolean }) {
  const t = o.trustClimate;
  return (
    <Section id="vertrouwen" title="Vertrouwensklimaat">
      {!signedIn ? <P>Het vertrouwensklimaat is alleen zichtbaar voor wie is aangemeld.</P>
        : hidden ? <P>Niet zichtbaar voor uw rol: lezers en redacteuren zien het alleen als ten minste drie andere organisaties dan de eigen de beoordelingen maakten.</P>
        : !t ? <P>Er is geen vertrouwensklimaat bekend.</P> : (
          <>
            <dl className="samenspel-facts" data-testid="trust-climate">
              <dt>Deelnemers</dt><dd>{t.participants} organisaties, {t.pairs} paren</dd>
              <dt>Beoordeeld</dt><dd>{t.assessedPairs} paren ({fmt.pct(t.coverage)})</dd>
              <dt>Gemiddeld vertrouwen</dt><dd>{t.meanTrust != null ? `${fmt.num(t.meanTrust, 1)} van 5` : "geen beoordelingen"}</dd>
              {analyst && <><dt>Laagste score</dt><dd>{t.minTrust ?? "—"}</dd></>}
              <dt>Beoordelingen</dt><dd>{t.oldestAssessment ? `van ${fmt.date(t.oldestAssessment)} tot ${fmt.date(t.newestAssessment ?? t.oldestAssessment)}` : "geen"}{t.meanAgeDays != null ? `; gemiddeld ${fmt.num(t.meanAgeDays, 0)} dagen oud` : ""}</dd>
            </dl>
            {!analyst && <P>De laagste score en de zwakste paren zijn alleen voor analisten en beheerders.</P>}
            {analyst && t.weakestPairs && t.weakestPairs.length > 0 && (
              <Table
                caption="Zwakste paren (laagste vertrouwen eerst)"
                rows={t.weakestPairs}
                rowKey={(p) => `${p.a.id}-${p.b.id}`}
                columns={[
                  { header: "Organisatie", cell: (p) => p.a.name },
                  { header: "Andere organisatie", cell: (p) => p.b.name },
                  { header: "Vertrouwen", numeric: true, cell: (p) => p.trust ?? "—" },
                ]}
              />
            )}
          </>
        )}
    </Section>
  );
}

function WhoElse({ id, themeLabel }: { id: string; themeLabel: Map<string, string> }) {
  const [{ data, fetching, error }] = useQuery({ query: WhoElseDoc, variables: { id } });
  const ans = data?.whoElseAnswer;
  const hits = ans?.hits ?? [];
  return (
    <Section id="wie-nog-meer" title="Wie nog meer?">
      <P>
        Organisaties die niet meedoen maar wel een rol hebben op lopende opgaven met een gedeeld of verwant thema
        {ans && ans.relatedThemes.length > 0 ? ` (verwant: ${ans.relatedThemes.map((t) => themeLabel.get(t) ?? t).join(", ")})` : ""} in
        een overlappend gebied. Score: 2 × gedeelde thema's + 1 als er een verwant thema is + 3 × overlap van het gebied + gedeelde
        opgaven met de deelnemers (ten hoogste 5) + 0,5 × rolgewicht / 3 (trekker 3, adviseur 0,5) + 0,5 / (1 + jaren sinds de
        laatste rol begon).
      </P>
      {fetching && <Loading label="Wie nog meer zoeken…" />}
      <ErrorMessage error={error} />
      {!ans ? null : hits.length === 0 ? <P>Geen andere organisaties gevonden. {ans.emptyReason}</P> : (
        <Table
          caption="Wie nog meer aan deze opgave zou kunnen werken, hoogste score eerst"
          rows={hits}
          rowKey={(h) => h.organisation.id}
          columns={[
            { header: "Organisatie", cell: (h) => <AppLink to={links.organisation(h.organisation)}>{h.organisation.name}</AppLink> },
            { header: "Score", numeric: true, cell: (h) => fmt.num(h.score, 2) },
            { header: "Thema's", cell: (h) => [...h.sharedThemes.map((t) => themeLabel.get(t) ?? t), ...h.relatedThemes.map((t) => `${themeLabel.get(t) ?? t} (verwant)`)].join(", ") || "—" },
            { header: "Overlap gebied", numeric: true, cell: (h) => fmt.pct(h.areaOverlap) },
            { header: "Gedeelde opgaven", numeric: true, cell: (h) => h.sharedOpgaven },
            { header: "Waarom", cell: (h) => (
              <>
              <p className="utrecht-paragraph samenspel-explanation">{h.explanation}</p>
              <ul className="samenspel-plain">
                {h.evidence.map((e) => <li key={e.opgave.id}><AppLink to={links.opgave(e.opgave)}>{e.opgave.title}</AppLink> ({e.roles.map((r) => roleLabel[r.type]).join(", ")})</li>)}
              </ul>
              </>
            ) },
          ]}
        />
      )}
    </Section>
  );
}

function reasonText(r: Conn["reasons"][number]): string {
  switch (r.kind) {
    case "LINK": return `${linkLabel[r.linkType ?? ""] ?? "verbonden met"} ${r.via.title}`;
    case "SHARED_PARTICIPANT": return `${r.organisation?.name ?? "een organisatie"} doet mee aan beide`;
    case "OVERLAPPING_AREA": return `gebied overlapt${r.region ? ` (${r.region.name})` : ""}`;
    case "SHARED_INSTRUMENT": return `instrument ${r.instrument?.name ?? ""} gedeeld`;
    default: return connectionLabel[r.kind] ?? r.kind;
  }
}

function Connected({ o }: { o: O }) {
  const [{ data, fetching, error }] = useQuery({ query: ConnectedDoc, variables: { id: o.id } });
  const connected = data?.opgave?.connected ?? [];
  const nodes: GraphNode[] = connected.map((c) => {
    const via = new Map<string, string>();
    for (const r of c.reasons) if (!via.has(r.via.id)) via.set(r.via.id, r.kind);
    return { id: c.opgave.id, title: c.opgave.title, depth: c.depth, via: [...via].map(([id, kind]) => ({ id, kind })) };
  });
  return (
    <Section id="verbonden" title="Verbonden opgaven">
      <P>Opgaven die via een expliciete koppeling, een gedeelde deelnemer, een overlappend gebied of een gedeeld instrument met deze opgave verbonden zijn, tot twee stappen ver (ten hoogste 30).</P>
      {o.links.length > 0 && (
        <ul className="utrecht-unordered-list" data-testid="opgave-links">
          {o.links.map((l) => (
            <li key={`${l.type}-${l.opgave.id}-${l.outgoing}`}>
              {l.outgoing ? `Deze opgave ${linkLabel[l.type]}` : `Wordt door deze opgave: ${linkLabel[l.type]}`} <AppLink to={links.opgave(l.opgave)}>{l.opgave.title}</AppLink>{l.note ? ` — ${l.note}` : ""}
            </li>
          ))}
        </ul>
      )}
      {fetching && <Loading label="Verbonden opgaven zoeken…" />}
      <ErrorMessage error={error} />
      {!data ? null : nodes.length === 0 ? <P>Geen verbonden opgaven.</P> : (
        <>
          <OpgaveGraph centre={o} nodes={nodes} title={`Netwerk van ${o.title}: ${nodes.filter((n) => n.depth === 1).length} direct verbonden opgaven, ${nodes.filter((n) => n.depth > 1).length} op twee stappen`} />
          <Table
            caption={`Opgaven verbonden met ${o.title}, dichtstbijzijnde eerst`}
            rows={connected}
            rowKey={(c) => c.opgave.id}
            columns={[
              { header: "Opgave", cell: (c) => <AppLink to={links.opgave(c.opgave)}>{c.opgave.title}</AppLink> },
              { header: "Stappen", numeric: true, cell: (c) => c.depth },
              { header: "Waarom", cell: (c) => {
                const shown = c.reasons.slice(0, 3).map(reasonText);
                return shown.join("; ") + (c.reasons.length > 3 ? ` en ${c.reasons.length - 3} meer` : "") + (c.depth > 1 ? ` (via ${c.reasons[0]?.via.title})` : "");
              } },
            ]}
          />
        </>
      )}
    </Section>
  );
}

function relationText(rel: string): string {
  if (rel.startsWith("ROLE_")) return `rol: ${roleLabel[rel.slice(5)] ?? rel.slice(5).toLowerCase()}`;
  if (rel.startsWith("LINK_")) return linkLabel[rel.slice(5)] ?? rel.slice(5).toLowerCase();
  return ({ COVERS: "in het gebied", MEMBER_OF: "lid van", SUPPORTS: "instrument" } as Record<string, string>)[rel] ?? rel.toLowerCase();
}

function PathTo({ from }: { from: O }) {
  const [naar, setNaar] = useUrlState("naar");
  const [text, setText] = useState("");
  const [q, setQ] = useState("");
  useEffect(() => {
    const t = setTimeout(() => setQ(text.trim()), 250);
    return () => clearTimeout(t);
  }, [text]);
  const [found] = useQuery({ query: OpgaveSearchDoc, variables: { text: q }, pause: q.length < 2 });
  const options = (found.data?.search ?? []).filter((h) => h.opgave && h.opgave.id !== from.id).slice(0, 8);
  const [{ data, fetching, error }] = useQuery({ query: PathDoc, variables: { from: from.id, to: naar }, pause: !naar });
  return (
    <Section id="route" title="Route naar een andere opgave">
      <P>Hoe deze opgave met een andere samenhangt: de kortste wegen door rollen, koppelingen, gebieden en instrumenten.</P>
      <div className="samenspel-search" role="search">
        <label className="utrecht-form-label" htmlFor="naar-zoek">Zoek de andere opgave</label>
        <input id="naar-zoek" type="search" className="utrecht-textbox utrecht-textbox--html-input" value={text} autoComplete="off"
          placeholder="bijvoorbeeld: woondeal" onChange={(e) => setText(e.target.value)} />
      </div>
      {found.fetching && <Loading label="Opgaven zoeken…" />}
      {q.length >= 2 && !found.fetching && (
        options.length === 0 ? <P>Geen opgave gevonden voor “{q}”.</P> : (
          <ul className="samenspel-plain" aria-label="Gevonden opgaven" data-testid="path-options">
            {options.map((h) => (
              <li key={h.opgave!.id}><Button appearance="subtle-button" onClick={() => { setNaar(h.opgave!.id); setText(""); }}>Route naar {h.opgave!.title}</Button></li>
            ))}
          </ul>
        )
      )}
      {naar && fetching && <Loading label="Route zoeken…" />}
      <ErrorMessage error={error} />
      {naar && data && (
        <div data-testid="paths" aria-live="polite">
          <h3 className="utrecht-heading-3">Naar <AppLink to={links.opgave({ id: naar })}>{data.target?.title ?? naar}</AppLink></h3>
          {data.connection.length === 0 ? <P>Geen verbinding binnen tien stappen in de graaf.</P> : data.connection.map((p, i) => (
            <div key={i}>
              <P>Route {i + 1}: {p.length} stappen</P>
              <ol className="utrecht-ordered-list" data-testid="path">
                {p.steps.map((st, j) => (
                  <li key={j}>
                    {st.relation ? <span className="samenspel-muted">{relationText(st.relation)} → </span> : null}
                    {st.opgave ? <AppLink to={links.opgave(st.opgave)}>{st.opgave.title}</AppLink>
                      : st.organisation ? <AppLink to={links.organisation(st.organisation)}>{st.organisation.name}</AppLink>
                      : st.region ? `${st.region.name} (${st.region.division.name})`
                      : st.instrument ? st.instrument.name : st.kind}
                  </li>
                ))}
              </ol>
            </div>
          ))}
          <Button appearance="secondary-action-button" onClick={() => setNaar("")}>Route wissen</Button>
        </div>
      )}
    </Section>
  );
}
