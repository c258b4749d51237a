import { useEffect, type ReactNode } from "react";
import { NavLink, Outlet, useLocation } from "react-router-dom";
import { may, useSession } from "./auth";

const roleLabel: Record<string, string> = {
  anonymous: "niet aangemeld", viewer: "lezer", editor: "redacteur", analyst: "analist", admin: "beheerder",
};

// Layout is every page's frame: a skip link, the navigation, who is signed in, and the footer with
// the sources. Each page sets its own title (useTitle) so the browser history and screen readers
// say where one is.
export function Layout() {
  const s = useSession();
  const loc = useLocation();
  useEffect(() => {
    document.getElementById("main")?.focus({ preventScroll: true });
  }, [loc.pathname]);
  const nav: { to: string; label: string; show: boolean }[] = [
    { to: "/", label: "Zoeken", show: true },
    { to: "/vergelijk", label: "Indelingen vergelijken", show: true },
    { to: "/netwerk", label: "Netwerk", show: true },
    { to: "/vertrouwen", label: "Vertrouwen", show: may(s.role, "analyst", "admin") },
    { to: "/opgave/nieuw", label: "Nieuwe opgave", show: may(s.role, "editor", "admin") },
    { to: "/lessen", label: "Lessen", show: s.signedIn },
    { to: "/spreadsheet", label: "Spreadsheet", show: true },
    { to: "/aanmelden", label: "Aanmelden", show: !s.signedIn },
  ];
  return (
    <div className="utrecht-page samenspel-page">
      <a className="utrecht-link samenspel-skip" href="#main">Naar de inhoud</a>
      <header className="utrecht-page-header samenspel-header">
        <div className="samenspel-brand">
          <NavLink to="/" className="samenspel-brand__name">Samenspel</NavLink>
          <span className="samenspel-brand__tag">hoe overheden samenwerken</span>
        </div>
        <nav aria-label="Hoofdmenu" className="samenspel-nav">
          <ul className="utrecht-nav-list">
            {nav.filter((n) => n.show).map((n) => (
              <li key={n.to} className="utrecht-nav-list__item">
                <NavLink to={n.to} end={n.to === "/"} className="utrecht-link utrecht-nav-list__link">{n.label}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="samenspel-session">
          {s.signedIn ? (
            <>
              <span>{s.name ?? "Aangemeld"} · {roleLabel[s.role] ?? s.role}{s.organisation ? ` · ${s.organisation.name}` : ""}</span>{" "}
              <button type="button" className="utrecht-button utrecht-button--subtle-button" onClick={s.signOut}>Afmelden</button>
            </>
          ) : null}
        </div>
      </header>
      <main id="main" tabIndex={-1} className="utrecht-page-content samenspel-main">
        <Outlet />
      </main>
      <footer className="utrecht-page-footer samenspel-footer">
        <p className="utrecht-paragraph">
          Gegevens: CBS (Gebieden in Nederland, gemeentegrenzen via PDOK), CC BY 4.0. Opgaven in de
          standaardgegevens zijn gegenereerd (geen echte gegevens). Voor wie zelf vraagt:{" "}
          <a className="utrecht-link" href="/graphiql">GraphiQL</a>.
        </p>
      </footer>
    </div>
  );
}

export function useTitle(title: string) {
  useEffect(() => {
    document.title = title ? `${title} · Samenspel` : "Samenspel";
  }, [title]);
}

export function Page({ title, children, intro }: { title: string; intro?: ReactNode; children: ReactNode }) {
  useTitle(title);
  return (
    <article className="samenspel-article">
      <h1 className="utrecht-heading-1">{title}</h1>
      {intro && <p className="utrecht-paragraph utrecht-paragraph--lead">{intro}</p>}
      {children}
    </article>
  );
}
