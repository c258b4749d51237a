import { useMemo } from "react";
import { useQuery } from "urql";
import { graphql } from "../gql";
import { Page } from "../app/Layout";
import { AppLink, ErrorMessage, Loading, P, Table, fmt } from "../app/ui";
import { GemeenteMap } from "../app/GemeenteMap";
import { Heatmap } from "../app/Heatmap";
import { DateSlider } from "../app/DateSlider";
import { useUrlState, today } from "../app/url";
import { links } from "../app/links";
import { useDivisionMembers } from "../app/members";

const DivisionsDoc = graphql(`
  query CompareDivisions { divisions { key name } }
`);

const CompareDoc = graphql(`
  query ComparePage($a: String!, $b: String!, $at: Date!, $both: [String!]) {
    divisionCongruence(a: $a, b: $b, at: $at) {
      a { key name } b { key name }
      gemeenten aInB bInA score
      pairs { a { id code name } b { id code name } shared }
      splitA { id code name }
      splitB { id code name }
    }
    borderConflicts(divisions: $both, at: $at, first: 100) {
      organisation { id code name }
    }
  }
`);

const splitFill = "#e07b39", wholeFill = "#9cc3e4";

// The compare page: how well two region divisions line up on a date. The congruence score (1:
// one nests in the other), the pairs of regions that share gemeenten as a heatmap and a table, a
// map that marks the regions of A that are split over several regions of B, and the gemeenten
// where the borders cross. Both divisions (?a=, ?b=) and the date (?datum=) are in the URL.
export default function ComparePage() {
  const [a, setA] = useUrlState("a", "veiligheidsregio");
  const [b, setB] = useUrlState("b", "arbeidsmarktregio");
  const [datum, setDatum] = useUrlState("datum", today());
  const [divs] = useQuery({ query: DivisionsDoc });
  const same = a === b;
  const [{ data, fetching, error }] = useQuery({ query: CompareDoc, variables: { a, b, at: datum, both: [a, b] }, pause: same });
  const c = data?.divisionCongruence;
  const membersA = useDivisionMembers(same ? "" : a, datum);

  const heat = useMemo(() => {
    if (!c) return null;
    const rows = new Map<string, string>(), cols = new Map<string, string>();
    for (const p of c.pairs) { rows.set(p.a.id, p.a.name); cols.set(p.b.id, p.b.name); }
    const byName = (m: Map<string, string>) => [...m.entries()].sort((x, y) => x[1].localeCompare(y[1], "nl")).map(([key, label]) => ({ key, label }));
    return { rows: byName(rows), cols: byName(cols), cells: c.pairs.map((p) => ({ row: p.a.id, col: p.b.id, value: p.shared })) };
  }, [c]);

  const areas = useMemo(() => {
    if (!c || !membersA.data) return [];
    const split = new Set(c.splitA.map((r) => r.id));
    return membersA.data.flatMap((r) => r.members.map((code) => ({
      code, fill: split.has(r.id) ? splitFill : wholeFill, label: `${r.name}${split.has(r.id) ? " (gesplitst)" : ""}`,
    })));
  }, [c, membersA.data]);

  const conflicts = data?.borderConflicts ?? [];
  const nameA = c?.a.name ?? a, nameB = c?.b.name ?? b;
  return (
    <Page title="Indelingen vergelijken" intro="Hoe goed twee regio-indelingen op elkaar passen: liggen de regio's van de een binnen die van de ander, of snijden de grenzen door elkaar?">
      <div className="samenspel-filters">
        {(["a", "b"] as const).map((side) => (
          <div className="utrecht-form-field" key={side}>
            <label className="utrecht-form-label" htmlFor={`indeling-${side}`}>Indeling {side.toUpperCase()}</label>
            <select id={`indeling-${side}`} className="utrecht-select utrecht-select--html-select" value={side === "a" ? a : b}
              onChange={(e) => (side === "a" ? setA : setB)(e.target.value)}>
              {(divs.data?.divisions ?? [{ key: side === "a" ? a : b, name: side === "a" ? a : b }]).map((d) => <option key={d.key} value={d.key}>{d.name}</option>)}
            </select>
          </div>
        ))}
        <DateSlider value={datum} onChange={setDatum} />
      </div>
      {same && <P>Kies twee verschillende indelingen.</P>}
      {fetching && <Loading label="Indelingen vergelijken…" />}
      <ErrorMessage error={divs.error ?? error ?? membersA.error} />
      {c && (
        <>
          <section aria-labelledby="score">
            <h2 className="utrecht-heading-2" id="score">Congruentie</h2>
            <p className="samenspel-score" data-testid="congruence-score">{fmt.num(c.score)}</p>
            <P>
              {c.score === 1
                ? (c.aInB === 1 ? `Elke regio van ${nameA.toLowerCase()} ligt helemaal binnen één regio van ${nameB.toLowerCase()}.` : `Elke regio van ${nameB.toLowerCase()} ligt helemaal binnen één regio van ${nameA.toLowerCase()}.`)
                : `De grenzen snijden door elkaar: van de ${c.gemeenten} gemeenten ligt ${fmt.pct(c.aInB)} in de regio van ${nameB.toLowerCase()} waar het grootste deel van hun regio van ${nameA.toLowerCase()} ligt (omgekeerd ${fmt.pct(c.bInA)}).`}
              {" "}De score is het grootste van beide aandelen (A in B: {fmt.num(c.aInB)}, B in A: {fmt.num(c.bInA)}); 1 betekent dat de ene indeling in de andere past.
            </P>
          </section>
          <div className="samenspel-grid">
            <section aria-labelledby="kaart">
              <h2 className="utrecht-heading-2" id="kaart">Gesplitste regio's van {nameA.toLowerCase()}</h2>
              {membersA.fetching && <Loading label="Kaart laden…" />}
              {membersA.data && (
                <GemeenteMap
                  testId="compare-map"
                  title={`Kaart: ${c.splitA.length} van de ${membersA.data.length} regio's van ${nameA} zijn verdeeld over meer dan één regio van ${nameB}; omlijnd de gemeenten waar de grenzen kruisen`}
                  areas={areas}
                  highlight={conflicts.map((x) => x.organisation.code ?? "")}
                  legend={[{ fill: splitFill, label: `gesplitst over ${nameB.toLowerCase()} (${c.splitA.length})` }, { fill: wholeFill, label: `binnen één regio (${membersA.data.length - c.splitA.length})` }]}
                />
              )}
              {c.splitA.length > 0 && (
                <>
                  <h3 className="utrecht-heading-3">Gesplitst: regio's van {nameA.toLowerCase()} over meer regio's van {nameB.toLowerCase()}</h3>
                  <ul className="utrecht-unordered-list samenspel-columns" data-testid="split-a">
                    {c.splitA.map((r) => <li key={r.id}><AppLink to={links.region(r)}>{r.name}</AppLink></li>)}
                  </ul>
                </>
              )}
              {c.splitB.length > 0 && (
                <>
                  <h3 className="utrecht-heading-3">Gesplitst: regio's van {nameB.toLowerCase()} over meer regio's van {nameA.toLowerCase()}</h3>
                  <ul className="utrecht-unordered-list samenspel-columns" data-testid="split-b">
                    {c.splitB.map((r) => <li key={r.id}><AppLink to={links.region(r)}>{r.name}</AppLink></li>)}
                  </ul>
                </>
              )}
            </section>
            <section aria-labelledby="grenzen">
              <h2 className="utrecht-heading-2" id="grenzen">Gemeenten op een grensconflict ({conflicts.length === 100 ? "de eerste 100" : conflicts.length})</h2>
              {conflicts.length === 0 ? <P>Nergens kruisen de grenzen: in elke gemeente ligt de ene regio binnen de andere.</P> : (
                <>
                  <P>Hier ligt de regio van {nameA.toLowerCase()} verspreid over meer regio's van {nameB.toLowerCase()} én omgekeerd: geen van beide past in de ander.</P>
                  <ul className="utrecht-unordered-list samenspel-columns" data-testid="conflicts">
                    {conflicts.map((x) => <li key={x.organisation.id}><AppLink to={links.organisation(x.organisation)}>{x.organisation.name}</AppLink></li>)}
                  </ul>
                </>
              )}
            </section>
          </div>
          {heat && (
            <section aria-labelledby="paren">
              <h2 className="utrecht-heading-2" id="paren">Paren van regio's ({c.pairs.length})</h2>
              <P>Rijen: {nameA}; kolommen: {nameB}. Hoe donkerder een vak, hoe meer gemeenten de twee regio's delen; een rij met één vak is een regio die helemaal in één regio van de ander ligt.</P>
              <Heatmap testId="compare-heatmap" title={`Heatmap: gedeelde gemeenten van ${heat.rows.length} regio's van ${nameA} (rijen) en ${heat.cols.length} van ${nameB} (kolommen)`}
                rows={heat.rows} cols={heat.cols} cells={heat.cells} />
              <details>
                <summary>De paren als tabel</summary>
                <Table
                  caption={`Regio's van ${nameA} en ${nameB} die gemeenten delen, op ${fmt.date(datum)}`}
                  rows={c.pairs}
                  rowKey={(p) => `${p.a.id}|${p.b.id}`}
                  columns={[
                    { header: nameA, cell: (p) => <AppLink to={links.region(p.a)}>{p.a.name}</AppLink> },
                    { header: nameB, cell: (p) => <AppLink to={links.region(p.b)}>{p.b.name}</AppLink> },
                    { header: "Gedeelde gemeenten", numeric: true, cell: (p) => p.shared },
                  ]}
                />
              </details>
            </section>
          )}
        </>
      )}
    </Page>
  );
}
