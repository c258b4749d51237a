import { useMemo } from "react";
import { useParams } from "react-router-dom";
import { useQuery } from "urql";
import { graphql } from "../gql";
import { Page } from "../app/Layout";
import { AppLink, ErrorMessage, Loading, P, Table, fmt } from "../app/ui";
import { GemeenteMap, colour } from "../app/GemeenteMap";
import { DateSlider } from "../app/DateSlider";
import { useUrlState, today } from "../app/url";
import { links } from "../app/links";
import { useRegionMembers } from "../app/members";

const RegionDoc = graphql(`
  query RegionPage($division: String!, $code: String!, $at: Date!) {
    region(division: $division, code: $code) {
      id code name
      division { key name }
      memberCount(at: $at)
      overlaps(at: $at) {
        region { id code name division { key name } }
        shared jaccard shareOfThis shareOfOther
      }
    }
    divisions { key name }
  }
`);

// The region page: its gemeenten on a map and in a list, the regions of other divisions that
// overlap it (shared gemeenten, Jaccard, the share of each in the other), and the same map
// coloured by the regions of another division its gemeenten fall in. Date (?datum=) and that other
// division (?kleur=) are in the URL.
export default function RegionPage() {
  const { division = "", code = "" } = useParams();
  const [datum, setDatum] = useUrlState("datum", today());
  const [kleur, setKleur] = useUrlState("kleur");
  const [{ data, fetching, error }] = useQuery({ query: RegionDoc, variables: { division, code, at: datum } });
  const region = data?.region;
  const members = useRegionMembers(division, code, datum, kleur);
  const otherName = data?.divisions.find((d) => d.key === kleur)?.name;

  // The colours of the other division's regions, in order of how many members fall in each.
  const colouring = useMemo(() => {
    if (!kleur || !members.data) return null;
    const count = new Map<string, { name: string; code: string; n: number }>();
    for (const m of members.data) for (const r of m.regions ?? []) {
      const c = count.get(r.id) ?? { name: r.name, code: r.code, n: 0 };
      c.n++;
      count.set(r.id, c);
    }
    const order = [...count.entries()].sort((a, b) => b[1].n - a[1].n || a[1].name.localeCompare(b[1].name));
    const fill = new Map(order.map(([id], i) => [id, colour(i)]));
    return { order, fill };
  }, [kleur, members.data]);

  const areas = useMemo(() => (members.data ?? []).map((m) => {
    const r = m.regions?.[0];
    return {
      code: m.code ?? "",
      fill: colouring && r ? colouring.fill.get(r.id) ?? "#9cc3e4" : colouring ? "#bbbbbb" : "#1b6ca8",
      label: colouring ? (r ? `${r.name}` : `geen ${otherName?.toLowerCase() ?? "regio"}`) : region?.name,
    };
  }), [members.data, colouring, region?.name, otherName]);

  const title = region ? `${region.name} (${region.code})` : `${division}/${code}`;
  return (
    <Page title={title} intro={region ? `${region.division.name}, code ${region.code}: ${region.memberCount} gemeenten op ${fmt.date(datum)}.` : undefined}>
      <div className="samenspel-filters">
        <DateSlider value={datum} onChange={setDatum} />
        {data && (
          <div className="utrecht-form-field">
            <label className="utrecht-form-label" htmlFor="kleur">Kleur de kaart naar</label>
            <select id="kleur" className="utrecht-select utrecht-select--html-select" value={kleur} onChange={(e) => setKleur(e.target.value)}>
              <option value="">(één kleur)</option>
              {data.divisions.filter((d) => d.key !== division).map((d) => <option key={d.key} value={d.key}>{d.name}</option>)}
            </select>
          </div>
        )}
        {region && <AppLink to={links.compare(region.division.key, kleur || "provincie")}>Vergelijk {region.division.name.toLowerCase()} met {otherName?.toLowerCase() ?? "provincies"}</AppLink>}
      </div>
      {(fetching || members.fetching) && <Loading label="Regio laden…" />}
      <ErrorMessage error={error ?? members.error} />
      {region && (
        <div className="samenspel-grid">
          <section aria-labelledby="kaart">
            <h2 className="utrecht-heading-2" id="kaart">Kaart</h2>
            {members.data && (
              <GemeenteMap
                testId="region-map"
                title={colouring ? `Kaart: de ${members.data.length} gemeenten van ${region.name}, gekleurd naar ${otherName}` : `Kaart: de ${members.data.length} gemeenten van ${region.name}`}
                areas={areas}
                legend={colouring
                  ? colouring.order.map(([id, c]) => ({ fill: colouring.fill.get(id)!, label: `${c.name} (${c.n})` }))
                  : [{ fill: "#1b6ca8", label: region.name }]}
              />
            )}
            {colouring && (
              <Table
                caption={`Gemeenten van ${region.name} naar ${otherName?.toLowerCase()}`}
                rows={colouring.order}
                rowKey={([id]) => id}
                columns={[
                  { header: otherName ?? "Regio", cell: ([id, c]) => <AppLink to={links.region({ id })}>{c.name} ({c.code})</AppLink> },
                  { header: "Gemeenten", numeric: true, cell: ([, c]) => c.n },
                ]}
              />
            )}
          </section>
          <section aria-labelledby="gemeenten">
            <h2 className="utrecht-heading-2" id="gemeenten">Gemeenten ({members.data?.length ?? region.memberCount})</h2>
            {members.data && (
              <ul className="utrecht-unordered-list samenspel-columns" data-testid="region-members">
                {members.data.map((m) => <li key={m.id}><AppLink to={links.organisation(m)}>{m.name}</AppLink></li>)}
              </ul>
            )}
          </section>
        </div>
      )}
      {region && (
        <section aria-labelledby="overlap">
          <h2 className="utrecht-heading-2" id="overlap">Overlappende regio's van andere indelingen</h2>
          {region.overlaps.length === 0 ? <P>Geen regio van een andere indeling deelt gemeenten met {region.name} op deze datum.</P> : (
            <>
              <P>
                Jaccard is het aantal gedeelde gemeenten gedeeld door het aantal gemeenten in een van beide;
                1 betekent dezelfde gemeenten. "Deel van deze" is het deel van {region.name} dat in de andere regio ligt
                (100 %: {region.name} ligt er helemaal in); "deel van die" omgekeerd.
              </P>
              <Table
                caption={`Regio's die gemeenten delen met ${region.name} op ${fmt.date(datum)}`}
                rows={region.overlaps}
                rowKey={(o) => o.region.id}
                columns={[
                  { header: "Indeling", cell: (o) => o.region.division.name },
                  { header: "Regio", cell: (o) => <AppLink to={links.region(o.region)}>{o.region.name} ({o.region.code})</AppLink> },
                  { header: "Gedeeld", numeric: true, cell: (o) => o.shared },
                  { header: "Jaccard", numeric: true, cell: (o) => fmt.num(o.jaccard) },
                  { header: "Deel van deze", numeric: true, cell: (o) => fmt.pct(o.shareOfThis) },
                  { header: "Deel van die", numeric: true, cell: (o) => fmt.pct(o.shareOfOther) },
                ]}
              />
            </>
          )}
        </section>
      )}
    </Page>
  );
}
