import { useEffect, useState } from "react";
import { useQuery } from "urql";
import { graphql } from "../gql";
import { Page } from "../app/Layout";
import { AppLink, ErrorMessage, Loading, P, Table, fmt } from "../app/ui";
import { links } from "../app/links";
import { useSession } from "../app/auth";
import { useUrlState } from "../app/url";

// Lessons across all opgaven ("deel dit met andere opgaven"): by theme and by words in their title
// or text, newest first. The filters are in the URL (?thema=, ?q=), so a search can be shared.
const LessonsDoc = graphql(`
  query LessonsPage($theme: String, $search: String) {
    lessons(theme: $theme, search: $search, first: 50) { id title text themes date organisation { id code name } opgave { id title } }
    themes { key label }
  }
`);

export default function LessonsPage() {
  const s = useSession();
  const [theme, setTheme] = useUrlState("thema");
  const [q, setQ] = useUrlState("q");
  const [text, setText] = useState(q);
  useEffect(() => {
    const t = setTimeout(() => setQ(text.trim()), 300);
    return () => clearTimeout(t);
  }, [text, setQ]);
  const [{ data, fetching, error }] = useQuery({ query: LessonsDoc, variables: { theme: theme || null, search: q || null }, pause: !s.signedIn });
  const themeLabel = new Map((data?.themes ?? []).map((t) => [t.key, t.label]));
  const lessons = data?.lessons ?? [];
  return (
    <Page title="Lessen" intro="Wat opgaven leerden, om te delen met andere opgaven: zoek op thema of op woorden.">
      {!s.signedIn ? <P>Lessen zijn alleen zichtbaar voor wie is aangemeld. <AppLink to="/aanmelden">Aanmelden</AppLink></P> : (
        <>
          <div className="samenspel-search" role="search">
            <label className="utrecht-form-label" htmlFor="lessen-thema">Thema</label>
            <select id="lessen-thema" className="utrecht-select utrecht-select--html-select" value={theme} onChange={(e) => setTheme(e.target.value)}>
              <option value="">alle thema's</option>
              {(data?.themes ?? []).map((t) => <option key={t.key} value={t.key}>{t.label}</option>)}
            </select>
            <label className="utrecht-form-label" htmlFor="lessen-zoek">Woorden in titel of tekst</label>
            <input id="lessen-zoek" type="search" className="utrecht-textbox utrecht-textbox--html-input" value={text} autoComplete="off"
              placeholder="bijvoorbeeld: mandaat" onChange={(e) => setText(e.target.value)} />
          </div>
          {fetching && <Loading label="Lessen zoeken…" />}
          <ErrorMessage error={error} />
          {data && (lessons.length === 0 ? <P>Geen lessen gevonden.</P> : (
            <Table
              caption={`${lessons.length} lessen, nieuwste eerst`}
              rows={lessons}
              rowKey={(l) => l.id}
              columns={[
                { header: "Les", cell: (l) => <><strong>{l.title}</strong>{l.text ? <><br />{l.text}</> : null}</> },
                { header: "Opgave", cell: (l) => <AppLink to={links.opgave(l.opgave)}>{l.opgave.title}</AppLink> },
                { header: "Door", cell: (l) => l.organisation.name },
                { header: "Thema's", cell: (l) => l.themes.map((t) => themeLabel.get(t) ?? t).join(", ") },
                { header: "Datum", cell: (l) => fmt.date(l.date) },
              ]}
            />
          ))}
        </>
      )}
    </Page>
  );
}
