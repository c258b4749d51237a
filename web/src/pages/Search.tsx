import { useEffect, useId, useState, type KeyboardEvent } from "react";
import { useNavigate } from "react-router-dom";
import { useQuery } from "urql";
import { graphql } from "../gql";
import type { SearchQuery } from "../gql/graphql";
import { Page } from "../app/Layout";
import { ErrorMessage, Loading, P } from "../app/ui";
import { useUrlState } from "../app/url";
import { links } from "../app/links";

const SearchDoc = graphql(`
  query Search($text: String!, $first: Int!) {
    search(text: $text, first: $first) {
      kind score label
      organisation { id code name kind }
      region { id code name division { key name } }
      opgave { id title status themes }
      person { id name function organisation { id code name } }
    }
  }
`);

type Hit = SearchQuery["search"][number];

const kindLabel: Record<string, string> = { ORGANISATION: "Organisatie", REGION: "Regio", OPGAVE: "Opgave", PERSON: "Persoon" };
const orgKind: Record<string, string> = {
  GEMEENTE: "gemeente", PROVINCIE: "provincie", WATERSCHAP: "waterschap", RIJK: "Rijk", SAMENWERKINGSVERBAND: "samenwerkingsverband", PARTNER: "partner",
};

export function hitLink(h: Hit): string | null {
  if (h.organisation) return links.organisation(h.organisation);
  if (h.region) return links.region(h.region);
  if (h.opgave) return links.opgave(h.opgave);
  if (h.person?.organisation) return links.organisation(h.person.organisation);
  return null;
}

function hitDetail(h: Hit): string {
  if (h.organisation) return [orgKind[h.organisation.kind] ?? h.organisation.kind, h.organisation.code].filter(Boolean).join(" · ");
  if (h.region) return `${h.region.division.name} · ${h.region.code}`;
  if (h.opgave) return `opgave · ${h.opgave.status.toLowerCase()} · ${h.opgave.themes.join(", ")}`;
  if (h.person) return [h.person.function, h.person.organisation?.name].filter(Boolean).join(" · ");
  return "";
}

// The search page: one box over organisations, regions, opgaven and people, as typo-tolerant as
// the API. The box is a combobox: arrow keys move through the results, Enter opens one, Escape
// closes the list. The text is in the URL (?q=), so a search can be shared.
export function SearchPage() {
  const [q, setQ] = useUrlState("q");
  const [text, setText] = useState(q);
  const [active, setActive] = useState(-1);
  const [open, setOpen] = useState(false);
  const navigate = useNavigate();
  const listId = useId();
  useEffect(() => {
    const t = setTimeout(() => setQ(text.trim()), 200);
    return () => clearTimeout(t);
  }, [text, setQ]);
  const [{ data, fetching, error }] = useQuery({ query: SearchDoc, variables: { text: q, first: 20 }, pause: q.length < 2 });
  const hits = q.length >= 2 ? data?.search ?? [] : [];
  useEffect(() => setActive(-1), [q]);

  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "ArrowDown") { e.preventDefault(); setOpen(true); setActive((a) => Math.min(a + 1, hits.length - 1)); }
    else if (e.key === "ArrowUp") { e.preventDefault(); setActive((a) => Math.max(a - 1, 0)); }
    else if (e.key === "Enter") {
      const h = hits[active >= 0 ? active : 0];
      const to = h && hitLink(h);
      if (to) { e.preventDefault(); navigate(to); }
    } else if (e.key === "Escape") { setOpen(false); setActive(-1); }
  };
  const showList = open && hits.length > 0;
  return (
    <Page title="Zoeken" intro="Zoek een gemeente, provincie, waterschap of partner, een regio, een opgave of (aangemeld) een persoon. Kleine tikfouten en accenten maken niet uit.">
      <div className="samenspel-search" role="search">
        <label className="utrecht-form-label" htmlFor="zoekterm">Zoekterm</label>
        <input
          id="zoekterm"
          className="utrecht-textbox utrecht-textbox--html-input samenspel-search__box"
          type="search"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={showList}
          aria-controls={listId}
          aria-activedescendant={showList && active >= 0 ? `${listId}-${active}` : undefined}
          autoComplete="off"
          autoFocus
          value={text}
          placeholder="bijvoorbeeld: sudwest, woondeal utrecht, veiligheidsregio"
          onChange={(e) => { setText(e.target.value); setOpen(true); }}
          onKeyDown={onKey}
          onFocus={() => setOpen(true)}
        />
        {showList && (
          <ul id={listId} role="listbox" aria-label="Suggesties" className="samenspel-search__suggestions">
            {hits.slice(0, 8).map((h, i) => (
              <li
                key={`${h.kind}-${h.label}-${i}`}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === active}
                className={i === active ? "samenspel-search__option samenspel-search__option--active" : "samenspel-search__option"}
                onMouseDown={(e) => { e.preventDefault(); const to = hitLink(h); if (to) navigate(to); }}
              >
                <strong>{h.label}</strong> <span className="samenspel-muted">{kindLabel[h.kind]} · {hitDetail(h)}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
      {fetching && <Loading label="Zoeken…" />}
      <ErrorMessage error={error} />
      {q.length >= 2 && !fetching && !error && (
        <section aria-labelledby="resultaten">
          <h2 className="utrecht-heading-2" id="resultaten">{hits.length === 0 ? `Niets gevonden voor “${q}”` : `${hits.length} resultaten voor “${q}”`}</h2>
          {hits.length === 0 && <P>Probeer een ander woord, of een deel van de naam.</P>}
          <ol className="utrecht-ordered-list samenspel-results" data-testid="search-results">
            {hits.map((h, i) => {
              const to = hitLink(h);
              return (
                <li key={`${h.kind}-${h.label}-${i}`} className="utrecht-ordered-list__item">
                  {to ? <a className="utrecht-link" href={to} onClick={(e) => { e.preventDefault(); navigate(to); }}>{h.label}</a> : h.label}{" "}
                  <span className="samenspel-muted">{kindLabel[h.kind]} · {hitDetail(h)}</span>
                </li>
              );
            })}
          </ol>
        </section>
      )}
      {q.length < 2 && (
        <section aria-labelledby="begin">
          <h2 className="utrecht-heading-2" id="begin">Waar beginnen?</h2>
          <ul className="utrecht-unordered-list">
            <li className="utrecht-unordered-list__item"><a className="utrecht-link" href="/gemeente/GM0344" onClick={(e) => { e.preventDefault(); navigate("/gemeente/GM0344"); }}>Gemeente Utrecht: in welke regio's zit zij?</a></li>
          </ul>
        </section>
      )}
    </Page>
  );
}
