import { useEffect, useMemo, useState } from "react";
import { useQuery } from "urql";
import Graph from "graphology";
import { graphql } from "../gql";
import type { WeakLinksQuery } from "../gql/graphql";
import { Page } from "../app/Layout";
import { AppLink, Alert, Button, ErrorMessage, Loading, P, Table, fmt } from "../app/ui";
import { NetworkGraph, seedPositions, type GraphNode } from "../app/NetworkGraph";
import { may, type Role } from "../app/auth";
import { storedCredential } from "../app/credential";
import { useUrlState } from "../app/url";
import { links } from "../app/links";

const WeakLinksDoc = graphql(`
  query WeakLinks($organisation: ID, $minShared: Int, $maxTrust: Float) {
    weakLinks(organisation: $organisation, minSharedOpgaven: $minShared, maxTrust: $maxTrust, first: 100) {
      a { id code name }
      b { id code name }
      sharedOpgaven
      trust
      aToB { score date }
      bToA { score date }
    }
  }
`);

const TrustMeDoc = graphql(`
  query TrustMe { me { role } }
`);

const TrustDoc = graphql(`
  query TrustPair($from: ID!, $to: ID!) {
    trust(from: $from, to: $to) {
      from { id code name }
      to { id code name }
      fromTo { score date }
      toFrom { score date }
      asymmetry
      reciprocal
      history { id from { id name } to { id name } score date opgave { id title } }
    }
  }
`);

type Weak = NonNullable<WeakLinksQuery["weakLinks"]>[number];
interface TrustExport { nodes: { id: string; label: string; kind: string }[]; edges: { source: string; target: string; score: number; date: string; assessments: number }[] }

// scoreColour: a trust score (1 to 5) as a colour from red to green; grey for never assessed.
function scoreColour(score: number | null | undefined): string {
  if (score == null) return "#8a8f98";
  if (score <= 2) return "#c62828";
  if (score <= 3) return "#e68a00";
  if (score < 4) return "#9a9a2a";
  return "#2e7d32";
}
const scoreLegend = [
  { fill: "#c62828", label: "vertrouwen 1–2" }, { fill: "#e68a00", label: "2–3" }, { fill: "#9a9a2a", label: "3–4" },
  { fill: "#2e7d32", label: "4–5" }, { fill: "#8a8f98", label: "nooit beoordeeld" },
];

// useTrustNetwork fetches the whole trust network (every latest directed assessment) from the
// service's own export, with the caller's credential: the same file an analyst downloads for Gephi.
function useTrustNetwork(enabled: boolean) {
  const [state, setState] = useState<{ data?: TrustExport; error?: Error }>({});
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    const cred = storedCredential();
    fetch("/export/trust/json", { headers: cred ? { Authorization: `Bearer ${cred}` } : {} })
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(String(r.status)))))
      .then((data: TrustExport) => live && setState({ data }), (error: Error) => live && setState({ error }));
    return () => { live = false; };
  }, [enabled]);
  return state;
}

function scoreText(a: { score: number; date: string } | null | undefined): string {
  return a ? `${a.score} (${fmt.date(a.date)})` : "—";
}

// The trust page, for analysts and admins (who may see individual assessments): the weak links
// (partners on the same opgaven with low or no trust) as a table and a small graph, the trust
// network (every latest assessment) as a graph with the same facts in a table, and the trust
// between one pair in both directions with its history. The filters (?gedeeld=, ?max=,
// ?organisatie=) and the pair (?paar=a~b) are in the URL. Other roles get an explanation.
export default function TrustPage() {
  // Who is asking, from the service itself (not the session's copy, which is "anonymous" until
  // it has answered): an analyst must not see a refusal while the answer is on its way.
  const [me] = useQuery({ query: TrustMeDoc });
  const role = (me.data?.me.role ?? "anonymous") as Role;
  const signedIn = role !== "anonymous";
  const allowed = may(role, "analyst", "admin");
  if (me.fetching && !me.data) return <Page title="Vertrouwen"><Loading label="Aanmelding controleren…" /></Page>;
  if (!allowed) {
    return (
      <Page title="Vertrouwen">
        <Alert type="warning">
          Vertrouwensbeoordelingen zijn gevoelige gegevens: wat de ene organisatie van de andere vindt. Alleen analisten en
          beheerders zien het vertrouwensnetwerk en de zwakke verbindingen; elke inzage wordt vastgelegd.{" "}
          {signedIn ? "Uw rol mag deze gegevens niet zien." : "U bent niet aangemeld."}
        </Alert>
        <P>{signedIn ? <>Vraag een beheerder om een sleutel met de rol analist, en <AppLink to="/aanmelden">meld u daarmee aan</AppLink>.</> : <><AppLink to="/aanmelden">Meld u aan</AppLink> met een sleutel of account met de rol analist of beheerder.</>}</P>
        <P>Het vertrouwensklimaat van een opgave (als samenvatting) is wel zichtbaar voor aangemelde gebruikers, op de pagina van de opgave.</P>
      </Page>
    );
  }
  return <TrustContent />;
}

function TrustContent() {
  const [gedeeld, setGedeeld] = useUrlState("gedeeld", "1");
  const [max, setMax] = useUrlState("max", "2.5");
  const [organisatie, setOrganisatie] = useUrlState("organisatie");
  const [paar, setPaar] = useUrlState("paar");
  const [weak] = useQuery({ query: WeakLinksDoc, variables: { organisation: organisatie || null, minShared: Number(gedeeld), maxTrust: Number(max) } });
  const links_ = weak.data?.weakLinks ?? [];
  const net = useTrustNetwork(true);
  const [from, to] = paar.split("~");
  const [pair] = useQuery({ query: TrustDoc, variables: { from: from ?? "", to: to ?? "" }, pause: !from || !to });

  const names = useMemo(() => {
    const m = new Map<string, { id: string; code?: string | null; name: string }>();
    for (const n of net.data?.nodes ?? []) m.set(n.id, { id: n.id, name: n.label });
    for (const w of links_) { m.set(w.a.id, w.a); m.set(w.b.id, w.b); }
    return m;
  }, [net.data, links_]);

  const weakGraph = useMemo(() => {
    if (!weak.data?.weakLinks) return null;
    const g = new Graph<GraphNode>({ type: "undirected" });
    for (const w of weak.data.weakLinks) {
      for (const o of [w.a, w.b]) {
        if (!g.hasNode(o.id)) g.addNode(o.id, { x: 0, y: 0, size: 4, color: "#1b6ca8", label: o.name });
        g.updateNodeAttribute(o.id, "size", (v) => Math.min((v ?? 4) + 1.5, 16));
      }
      g.mergeEdge(w.a.id, w.b.id, { size: 1 + w.sharedOpgaven / 2, color: scoreColour(w.trust) });
    }
    seedPositions(g, () => 0);
    return g;
  }, [weak.data]);

  const trustGraph = useMemo(() => {
    if (!net.data) return null;
    const g = new Graph<GraphNode>({ type: "directed" });
    for (const n of net.data.nodes) g.addNode(n.id, { x: 0, y: 0, size: 3, color: "#1b6ca8", label: n.label });
    for (const e of net.data.edges) {
      if (!g.hasNode(e.source) || !g.hasNode(e.target)) continue;
      g.mergeEdge(e.source, e.target, { size: 1, color: scoreColour(e.score), weight: 1 });
      g.updateNodeAttribute(e.target, "size", (v) => Math.min((v ?? 3) + 0.5, 14));
    }
    seedPositions(g, () => 0);
    return g;
  }, [net.data]);

  // The same facts as the trust network's picture: how many assessments per score, and the
  // organisations trusted least (lowest mean of the latest scores they received, at least 3).
  const byScore = useMemo(() => [1, 2, 3, 4, 5].map((sc) => ({ score: sc, count: (net.data?.edges ?? []).filter((e) => e.score === sc).length })), [net.data]);
  const leastTrusted = useMemo(() => {
    const got = new Map<string, number[]>();
    for (const e of net.data?.edges ?? []) got.set(e.target, [...(got.get(e.target) ?? []), e.score]);
    return [...got.entries()].filter(([, v]) => v.length >= 3)
      .map(([id, v]) => ({ id, n: v.length, mean: v.reduce((a, b) => a + b, 0) / v.length }))
      .sort((a, b) => a.mean - b.mean || b.n - a.n).slice(0, 10);
  }, [net.data]);

  const org = organisatie ? names.get(organisatie) : undefined;
  // A pair chosen further down the page: its section is at the top, so bring it into view.
  const pairShown = !!pair.data?.trust;
  useEffect(() => {
    if (pairShown) document.getElementById("paar")?.scrollIntoView({ block: "start" });
  }, [pairShown, paar]);
  const rel = pair.data?.trust;
  return (
    <Page title="Vertrouwen" intro="Hoe organisaties elkaar beoordelen (1: geen vertrouwen, 5: volledig), en welke partners samen aan opgaven werken terwijl het vertrouwen laag is of nooit is beoordeeld.">
      <Alert type="info">Gevoelige gegevens: elke inzage in afzonderlijke beoordelingen wordt vastgelegd in het audittrail.</Alert>

      {paar && (
        <section aria-labelledby="paar">
          <h2 className="utrecht-heading-2" id="paar">Vertrouwen tussen {rel ? `${rel.from.name} en ${rel.to.name}` : "twee organisaties"}</h2>
          {pair.fetching && <Loading label="Beoordelingen laden…" />}
          <ErrorMessage error={pair.error} />
          {rel && (
            <>
              <P>
                {rel.from.name} over {rel.to.name}: {scoreText(rel.fromTo)}. {rel.to.name} over {rel.from.name}: {scoreText(rel.toFrom)}.{" "}
                {rel.asymmetry != null ? `Verschil ${fmt.num(rel.asymmetry, 1)}.` : rel.reciprocal ? "" : "Niet over en weer beoordeeld."}
              </P>
              {rel.history.length === 0 ? <P>Deze twee hebben elkaar nooit beoordeeld.</P> : (
                <Table
                  caption={`Alle beoordelingen tussen ${rel.from.name} en ${rel.to.name}, oudste eerst`}
                  rows={rel.history}
                  rowKey={(h) => h.id}
                  columns={[
                    { header: "Datum", cell: (h) => fmt.date(h.date) },
                    { header: "Van", cell: (h) => h.from.name },
                    { header: "Over", cell: (h) => h.to.name },
                    { header: "Score", numeric: true, cell: (h) => h.score },
                    { header: "Opgave", cell: (h) => h.opgave?.title ?? "algemeen" },
                  ]}
                />
              )}
            </>
          )}
          <Button appearance="secondary-action-button" onClick={() => setPaar("")}>Sluiten</Button>
        </section>
      )}

      <section aria-labelledby="zwak">
        <h2 className="utrecht-heading-2" id="zwak">Zwakke verbindingen</h2>
        <div className="samenspel-filters">
          <div className="utrecht-form-field">
            <div className="utrecht-form-field__label"><label className="utrecht-form-label" htmlFor="gedeeld">Minstens gedeelde opgaven</label></div>
            <select id="gedeeld" className="utrecht-select" value={gedeeld} onChange={(e) => setGedeeld(e.target.value)}>
              {[1, 2, 3, 4, 5].map((n) => <option key={n} value={String(n)}>{n}</option>)}
            </select>
          </div>
          <div className="utrecht-form-field">
            <div className="utrecht-form-field__label"><label className="utrecht-form-label" htmlFor="max">Hoogstens vertrouwen</label></div>
            <select id="max" className="utrecht-select" value={max} onChange={(e) => setMax(e.target.value)}>
              {["1", "1.5", "2", "2.5", "3", "3.5", "4"].map((n) => <option key={n} value={n}>{fmt.num(Number(n), 1)}</option>)}
            </select>
          </div>
          {organisatie && (
            <div>
              <span>Alleen paren met {org?.name ?? organisatie}. </span>
              <Button appearance="secondary-action-button" onClick={() => setOrganisatie("")}>Alle organisaties</Button>
            </div>
          )}
        </div>
        {weak.fetching && <Loading label="Zwakke verbindingen zoeken…" />}
        <ErrorMessage error={weak.error} />
        {weak.data && (
          <>
            <P>
              {links_.length === 100 ? "De eerste 100" : links_.length} paren die minstens {gedeeld} opgave{gedeeld === "1" ? "" : "n"} delen
              en elkaar hoogstens {fmt.num(Number(max), 1)} geven of nooit beoordeelden; nooit beoordeeld eerst, dan het laagste vertrouwen.
            </P>
            {links_.length > 0 && weakGraph && (
              <NetworkGraph graph={weakGraph} small iterations={80} testId="weak-graph" legend={scoreLegend}
                title={`Zwakke verbindingen: ${links_.length} paren tussen ${weakGraph.order} organisaties. Dezelfde paren staan in de tabel.`}
                onSelect={(id) => setOrganisatie(id)} />
            )}
            <Table
              caption="Zwakke verbindingen: paren partners met laag of geen vertrouwen"
              rows={links_}
              rowKey={(w: Weak) => `${w.a.id}~${w.b.id}`}
              columns={[
                { header: "Organisatie", cell: (w: Weak) => <AppLink to={links.organisation(w.a)}>{w.a.name}</AppLink> },
                { header: "Partner", cell: (w: Weak) => <AppLink to={links.organisation(w.b)}>{w.b.name}</AppLink> },
                { header: "Gedeelde opgaven", numeric: true, cell: (w: Weak) => w.sharedOpgaven },
                { header: "Vertrouwen", numeric: true, cell: (w: Weak) => (w.trust == null ? "nooit beoordeeld" : fmt.num(w.trust, 1)) },
                { header: "Beoordeling over en weer", cell: (w: Weak) => `${scoreText(w.aToB)} / ${scoreText(w.bToA)}` },
                { header: "Details", cell: (w: Weak) => <Button appearance="subtle-button" onClick={() => setPaar(`${w.a.id}~${w.b.id}`)}>Bekijk<span className="samenspel-visually-hidden"> het vertrouwen tussen {w.a.name} en {w.b.name}</span></Button> },
              ]}
            />
          </>
        )}
      </section>

      <section aria-labelledby="netwerk">
        <h2 className="utrecht-heading-2" id="netwerk">Vertrouwensnetwerk</h2>
        {!net.data && !net.error && <Loading label="Vertrouwensnetwerk laden…" />}
        {net.error && <Alert type="error">Het vertrouwensnetwerk kon niet worden geladen. Probeer het opnieuw.</Alert>}
        {net.data && trustGraph && (
          <>
            <P>
              {net.data.edges.length} laatste beoordelingen tussen {net.data.nodes.length} organisaties. Een lijn is de laatste
              beoordeling van de ene organisatie over de andere; hoe groter een organisatie, hoe vaker zij beoordeeld is.
            </P>
            <NetworkGraph graph={trustGraph} testId="trust-graph" legend={scoreLegend.slice(0, 4)} iterations={100}
              title={`Vertrouwensnetwerk: ${net.data.edges.length} beoordelingen tussen ${net.data.nodes.length} organisaties, gekleurd naar score. Dezelfde gegevens staan in de tabellen.`}
              onSelect={(id) => setOrganisatie(id)} />
            <div className="samenspel-grid">
              <Table
                caption="Laatste beoordelingen per score"
                rows={byScore}
                rowKey={(r) => String(r.score)}
                columns={[
                  { header: "Score", numeric: true, cell: (r) => r.score },
                  { header: "Beoordelingen", numeric: true, cell: (r) => r.count },
                ]}
              />
              <Table
                caption="Minst vertrouwd (gemiddelde van de laatste beoordelingen die zij kregen, minstens 3)"
                rows={leastTrusted}
                rowKey={(r) => r.id}
                columns={[
                  { header: "Organisatie", cell: (r) => <Button appearance="subtle-button" onClick={() => setOrganisatie(r.id)}>{names.get(r.id)?.name ?? r.id}</Button> },
                  { header: "Gemiddeld", numeric: true, cell: (r) => fmt.num(r.mean, 2) },
                  { header: "Beoordelingen", numeric: true, cell: (r) => r.n },
                ]}
              />
            </div>
          </>
        )}
      </section>
    </Page>
  );
}
