import { useMemo } from "react";
import { useParams } from "react-router-dom";
import { useQuery } from "urql";
import { graphql } from "../gql";
import { Page } from "../app/Layout";
import { AppLink, Button, ErrorMessage, Loading, P, Table, fmt } from "../app/ui";
import { GemeenteMap } from "../app/GemeenteMap";
import { useUrlState, today } from "../app/url";
import { links } from "../app/links";
import { DateSlider } from "../app/DateSlider";
import { OpgavenInArea } from "../app/OpgavenInArea";

const GemeenteDoc = graphql(`
  query GemeentePage($code: String, $id: ID, $at: Date!) {
    organisation(code: $code, id: $id) {
      id code name kind validFrom validUntil
      active(at: $at)
      mergedInto { into { id code name } date type }
      regions(at: $at) {
        id code name
        division { key name }
        memberCount(at: $at)
        members(at: $at, first: 100) { edges { node { id code name } } }
      }
      naturalPartners(first: 10, at: $at) { organisation { id code name } sharedRegions }
    }
  }
`);

// The gemeente page: its regions in every division on a date (a slider from 2016 to today shows
// mergers and moves), a map of the gemeente inside the region chosen, and its natural partners.
// Date (?datum=) and the division shown on the map (?indeling=) are in the URL.
export default function GemeentePage() {
  const { code, id } = useParams();
  const [datum, setDatum] = useUrlState("datum", today());
  const [indeling, setIndeling] = useUrlState("indeling");
  const [{ data, fetching, error }] = useQuery({ query: GemeenteDoc, variables: { code: code ?? null, id: id ?? null, at: datum } });
  const org = data?.organisation;
  const shown = useMemo(() => {
    if (!org || org.regions.length === 0) return undefined;
    return org.regions.find((r) => r.division.key === indeling) ?? org.regions[0];
  }, [org, indeling]);

  const title = org?.name ?? code ?? "Organisatie";
  return (
    <Page title={title} intro={org ? `In welke regio's ${org.name} zit, op ${fmt.date(datum)}, en met welke gemeenten zij de meeste regio's deelt.` : undefined}>
      <div className="samenspel-filters">
        <DateSlider value={datum} onChange={setDatum} />
      </div>
      {fetching && <Loading label="Regio's laden…" />}
      <ErrorMessage error={error} />
      {org && !org.active && (
        <P>
          {org.name} bestond op deze datum niet{org.validUntil ? ` (tot ${fmt.date(org.validUntil)})` : ""}.
          {org.mergedInto.map((m) => (
            <span key={m.into.id}> Opgegaan in <AppLink to={links.organisation(m.into)}>{m.into.name}</AppLink> op {fmt.date(m.date)} ({m.type}).</span>
          ))}
        </P>
      )}
      {org && (
        <div className="samenspel-grid">
          <section aria-labelledby="regios">
            <h2 className="utrecht-heading-2" id="regios">Regio's ({org.regions.length})</h2>
            {org.regions.length === 0 ? <P>Geen regio's op deze datum.</P> : (
              <Table
                caption={`Regio's van ${org.name} per indeling op ${fmt.date(datum)}`}
                rows={org.regions}
                rowKey={(r) => r.id}
                columns={[
                  { header: "Indeling", cell: (r) => r.division.name },
                  { header: "Regio", cell: (r) => <AppLink to={links.region(r)}>{r.name} ({r.code})</AppLink> },
                  { header: "Gemeenten", numeric: true, cell: (r) => r.memberCount },
                  { header: "Kaart", cell: (r) => r.id === shown?.id ? <span>op de kaart</span> : (
                    <Button appearance="subtle-button" onClick={() => setIndeling(r.division.key)}>Toon {r.division.name.toLowerCase()}</Button>
                  ) },
                ]}
              />
            )}
          </section>
          {shown && (
            <section aria-labelledby="kaart">
              <h2 className="utrecht-heading-2" id="kaart">{org.name} in {shown.name}</h2>
              <GemeenteMap
                testId="gemeente-map"
                title={`Kaart: ${org.name} (omlijnd) in ${shown.name} (${shown.division.name}), ${shown.memberCount} gemeenten`}
                areas={shown.members.edges.map((e) => ({ code: e.node.code ?? "", fill: e.node.code === org.code ? "#1b6ca8" : "#9cc3e4", label: shown.name }))}
                highlight={org.code ? [org.code] : []}
                legend={[{ fill: "#1b6ca8", label: org.name }, { fill: "#9cc3e4", label: `andere gemeenten van ${shown.name}` }]}
              />
            </section>
          )}
        </div>
      )}
      {org && org.naturalPartners.length > 0 && (
        <section aria-labelledby="partners">
          <h2 className="utrecht-heading-2" id="partners">Natuurlijke partners</h2>
          <P>De gemeenten die de meeste regio's met {org.name} delen, over alle indelingen.</P>
          <Table
            caption={`Gemeenten die de meeste regio's met ${org.name} delen`}
            rows={org.naturalPartners}
            rowKey={(p) => p.organisation.id}
            columns={[
              { header: "Gemeente", cell: (p) => <AppLink to={links.organisation(p.organisation)}>{p.organisation.name}</AppLink> },
              { header: "Gedeelde regio's", numeric: true, cell: (p) => p.sharedRegions },
            ]}
          />
        </section>
      )}
      {org?.code && org.kind === "GEMEENTE" && <OpgavenInArea code={org.code} name={org.name} />}
    </Page>
  );
}
