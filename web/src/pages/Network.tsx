import { useEffect, useMemo, useState, type FormEvent } from "react";
import { useNavigate } from "react-router-dom";
import { useQuery } from "urql";
import Graph from "graphology";
import { graphql } from "../gql";
import type { NetworkPageQuery } from "../gql/graphql";
import { Page } from "../app/Layout";
import { AppLink, Button, ErrorMessage, FormField, Loading, P, Table, fmt } from "../app/ui";
import { colour } from "../app/GemeenteMap";
import { NetworkGraph, seedPositions, type GraphNode } from "../app/NetworkGraph";
import { useUrlState } from "../app/url";
import { links } from "../app/links";
import { areaHelp, parseArea } from "../app/area";

// Only what the page uses: the edges count as 10,000 items each field (urql's cache adds
// __typename to each), so the whole network stays at about 93,000 of the 100,000 a request may cost.
const NetworkDoc = graphql(`
  query NetworkPage($filter: NetworkFilter) {
    collaborationNetwork(filter: $filter) {
      nodes { organisation { id code name } degree betweenness community broker isolated }
      edges { a { id } b { id } weight }
      communities { index size }
      modularity
    }
  }
`);

const ThemesDoc = graphql(`
  query Themes { themes { key label } }
`);

type Net = NetworkPageQuery["collaborationNetwork"];
type NetNode = Net["nodes"][number];

// buildGraph makes the graph sigma draws: colour by community, size by betweenness, a ring around
// brokers; the edges as thin lines, thicker with more weight.
function buildGraph(net: Net): Graph<GraphNode> {
  const g = new Graph<GraphNode>({ type: "undirected" });
  const maxB = Math.max(...net.nodes.map((n) => n.betweenness), 1e-9);
  for (const n of net.nodes) {
    g.addNode(n.organisation.id, {
      x: 0, y: 0,
      size: 3 + 14 * Math.sqrt(n.betweenness / maxB),
      color: colour(n.community),
      label: n.organisation.name,
      ring: n.broker,
      zIndex: n.broker ? 2 : 1,
    });
  }
  const maxW = Math.max(...net.edges.map((e) => e.weight), 1);
  for (const e of net.edges) {
    if (g.hasNode(e.a.id) && g.hasNode(e.b.id)) g.mergeEdge(e.a.id, e.b.id, { weight: e.weight, size: 0.5 + 2 * (e.weight / maxW) });
  }
  const community = new Map(net.nodes.map((n) => [n.organisation.id, n.community]));
  seedPositions(g, (id) => community.get(id) ?? 0);
  return g;
}

// exportHref: the export endpoint with the page's filter as its query parameters
// (internal/server/export.go: theme, gemeente, region=division/code, at).
function exportHref(format: string, thema: string, gebied: string, datum: string): string {
  const q = new URLSearchParams();
  if (thema) q.append("theme", thema);
  const area = parseArea(gebied);
  if (area && area !== "invalid") {
    if ("gemeente" in area) q.set("gemeente", area.gemeente);
    else q.set("region", `${area.region.division}/${area.region.code}`);
  }
  if (datum) q.set("at", datum);
  const s = q.toString();
  return `/export/network/${format}${s ? `?${s}` : ""}`;
}

// The network page: the whole collaboration network (organisations linked by the opgaven they
// share) drawn with sigma.js, coloured by community and sized by betweenness, brokers ringed;
// filters for theme, area and date in the URL (?thema=, ?gebied=, ?datum=); exports of the same
// network; and the same facts as text: the brokers and the communities as tables.
export default function NetworkPage() {
  const navigate = useNavigate();
  const [thema, setThema] = useUrlState("thema");
  const [gebied, setGebied] = useUrlState("gebied");
  const [datum, setDatum] = useUrlState("datum");
  const [gebiedText, setGebiedText] = useState(gebied);
  useEffect(() => setGebiedText(gebied), [gebied]); // back and forward change the URL, not the box
  const area = parseArea(gebied);
  const filter = useMemo(() => {
    const f: Record<string, unknown> = {};
    if (thema) f.themes = [thema];
    if (area && area !== "invalid") f.area = area;
    if (datum) f.at = datum;
    return Object.keys(f).length ? f : null;
  }, [thema, gebied, datum]); // eslint-disable-line react-hooks/exhaustive-deps
  const [themes] = useQuery({ query: ThemesDoc });
  const [{ data, fetching, error }] = useQuery({ query: NetworkDoc, variables: { filter }, pause: area === "invalid" });
  const net = data?.collaborationNetwork;
  const graph = useMemo(() => (net ? buildGraph(net) : null), [net]);
  const byId = useMemo(() => new Map((net?.nodes ?? []).map((n) => [n.organisation.id, n])), [net]);

  const brokers = useMemo(() => (net?.nodes ?? []).filter((n) => n.broker).sort((a, b) => b.betweenness - a.betweenness), [net]);
  const isolated = useMemo(() => (net?.nodes ?? []).filter((n) => n.isolated).length, [net]);
  const communities = useMemo(() => {
    if (!net) return [];
    const members = new Map<number, NetNode[]>();
    for (const n of net.nodes) members.set(n.community, [...(members.get(n.community) ?? []), n]);
    return net.communities.map((c) => ({
      ...c,
      top: (members.get(c.index) ?? []).sort((a, b) => b.betweenness - a.betweenness || b.degree - a.degree).slice(0, 5),
    }));
  }, [net]);

  const onArea = (e: FormEvent) => {
    e.preventDefault();
    setGebied(gebiedText.trim());
  };
  const themeLabel = themes.data?.themes.find((t) => t.key === thema)?.label;
  const scope = [themeLabel && `thema ${themeLabel}`, gebied && area !== "invalid" && `gebied ${gebied}`, datum && `op ${fmt.date(datum)}`].filter(Boolean).join(", ");
  const legend = [
    ...communities.slice(0, 12).map((c) => ({ fill: colour(c.index), label: `gemeenschap ${c.index + 1} (${c.size})` })),
    ...(communities.length > 12 ? [{ fill: "none", label: "(verdere gemeenschappen herhalen deze kleuren)" }] : []),
    { fill: "ring", label: "makelaar (verbindt anders gescheiden partners)" },
  ];

  return (
    <Page title="Samenwerkingsnetwerk" intro="Organisaties verbonden door de opgaven waarin zij allebei een rol hebben. Kleur: gemeenschap; grootte: hoe vaak een organisatie op de kortste weg tussen andere ligt (tussenpositie); een ring: makelaar.">
      <div className="samenspel-filters">
        <div className="utrecht-form-field">
          <div className="utrecht-form-field__label"><label className="utrecht-form-label" htmlFor="thema">Thema</label></div>
          <select id="thema" className="utrecht-select" value={thema} onChange={(e) => setThema(e.target.value)}>
            <option value="">Alle thema's</option>
            {themes.data?.themes.map((t) => <option key={t.key} value={t.key}>{t.label}</option>)}
          </select>
        </div>
        <form onSubmit={onArea} className="samenspel-filters" style={{ margin: 0 }}>
          <FormField id="gebied" label="Gebied" description={areaHelp} error={area === "invalid" ? `“${gebied}” is geen gemeentecode of indeling/code.` : undefined}>
            <input id="gebied" className="utrecht-textbox" value={gebiedText} onChange={(e) => setGebiedText(e.target.value)}
              aria-describedby={area === "invalid" ? "gebied-description gebied-error" : "gebied-description"} />
          </FormField>
          <Button type="submit" appearance="secondary-action-button">Gebied toepassen</Button>
        </form>
        <div className="utrecht-form-field">
          <div className="utrecht-form-field__label"><label className="utrecht-form-label" htmlFor="datum">Datum (rollen op die dag)</label></div>
          <input id="datum" type="date" className="utrecht-textbox" value={datum} onChange={(e) => setDatum(e.target.value)} />
        </div>
      </div>
      {fetching && <Loading label="Netwerk laden en analyseren…" />}
      <ErrorMessage error={error} />
      {net && graph && (
        <>
          <P>
            {net.nodes.length} organisaties, {net.edges.length} verbindingen, {net.communities.length} gemeenschappen
            {scope ? ` (${scope})` : ""}. Modulariteit {fmt.num(net.modularity, 3)}
            {net.modularity > 0.3 ? ": het netwerk valt uiteen in duidelijke groepen." : ": de groepen lopen sterk door elkaar."}
            {isolated > 0 ? ` ${isolated} organisaties hebben een rol maar delen met niemand een opgave.` : ""}
          </P>
          {net.nodes.length === 0 ? <P>Geen organisaties met rollen binnen dit filter.</P> : (
            <NetworkGraph
              graph={graph}
              testId="network-graph"
              title={`Netwerkkaart: ${net.nodes.length} organisaties en ${net.edges.length} verbindingen in ${net.communities.length} gemeenschappen; ${brokers.length} makelaars. Dezelfde gegevens staan in de tabellen hieronder.`}
              legend={legend}
              onSelect={(id) => { const n = byId.get(id); if (n) navigate(links.organisation(n.organisation)); }}
            />
          )}
          <section aria-labelledby="export">
            <h2 className="utrecht-heading-2" id="export">Exporteren</h2>
            <P>Hetzelfde netwerk (met dit filter) als bestand, voor Gephi, een spreadsheet of een eigen analyse:</P>
            <ul className="samenspel-exports" data-testid="network-exports">
              <li><a className="utrecht-link" href={exportHref("graphml", thema, gebied, datum)} download>GraphML (Gephi)</a></li>
              <li><a className="utrecht-link" href={exportHref("json", thema, gebied, datum)} download>JSON</a></li>
              <li><a className="utrecht-link" href={exportHref("nodes.csv", thema, gebied, datum)} download>CSV: organisaties</a></li>
              <li><a className="utrecht-link" href={exportHref("edges.csv", thema, gebied, datum)} download>CSV: verbindingen</a></li>
            </ul>
          </section>
          <div className="samenspel-grid">
            <section aria-labelledby="makelaars">
              <h2 className="utrecht-heading-2" id="makelaars">Makelaars ({brokers.length})</h2>
              <P>Organisaties zonder wie hun partners in meer losse groepen uiteenvallen.</P>
              {brokers.length === 0 ? <P>Geen makelaars in dit netwerk.</P> : (
                <Table
                  caption="Makelaars in het samenwerkingsnetwerk, hoogste tussenpositie eerst"
                  rows={brokers}
                  rowKey={(n) => n.organisation.id}
                  columns={[
                    { header: "Organisatie", cell: (n) => <AppLink to={links.organisation(n.organisation)}>{n.organisation.name}</AppLink> },
                    { header: "Gemeenschap", numeric: true, cell: (n) => n.community + 1 },
                    { header: "Partners", numeric: true, cell: (n) => n.degree },
                    { header: "Tussenpositie", numeric: true, cell: (n) => fmt.num(n.betweenness, 3) },
                  ]}
                />
              )}
            </section>
            <section aria-labelledby="gemeenschappen">
              <h2 className="utrecht-heading-2" id="gemeenschappen">Gemeenschappen ({communities.length})</h2>
              <P>Groepen die onderling meer samenwerken dan met de rest (Louvain), grootste eerst.</P>
              <Table
                caption="Gemeenschappen met hun grootte en hun leden met de hoogste tussenpositie"
                rows={communities}
                rowKey={(c) => String(c.index)}
                columns={[
                  { header: "Gemeenschap", cell: (c) => <><span className="samenspel-legend__swatch" style={{ background: colour(c.index) }} aria-hidden="true" />{c.index + 1}</> },
                  { header: "Organisaties", numeric: true, cell: (c) => c.size },
                  { header: "Belangrijkste leden", cell: (c) => c.top.map((n, i) => <span key={n.organisation.id}>{i > 0 && ", "}<AppLink to={links.organisation(n.organisation)}>{n.organisation.name}</AppLink></span>) },
                ]}
              />
            </section>
          </div>
        </>
      )}
    </Page>
  );
}
