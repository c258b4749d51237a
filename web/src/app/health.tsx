// The cells of a health indicator's row, shared by the opgave page's two tables of indicators:
// the traffic light with its word (or that the caller's role may not see it) and the evidence.
import { AppLink } from "./ui";
import { links } from "./links";
import { healthLabel } from "./labels";

export interface Indicator {
  status: string;
  evidence: string[];
  organisations: { id: string; code?: string | null; name: string }[];
}

export function HealthStatus({ h }: { h?: Indicator }) {
  if (!h) return <span data-testid="health-status" data-status="HIDDEN">niet zichtbaar voor uw rol</span>;
  return <span data-testid="health-status" data-status={h.status}><span className={`samenspel-light samenspel-light--${h.status}`} aria-hidden="true" />{healthLabel[h.status]}</span>;
}

// healthEvidence lists the evidence and the organisations it names; null when there is none (the
// table then says why).
export function healthEvidence(h?: Indicator) {
  if (!h || (h.evidence.length === 0 && h.organisations.length === 0)) return null;
  return (
    <ul className="samenspel-plain">
      {h.evidence.map((e, i) => <li key={i}>{e}</li>)}
      {h.organisations.length > 0 && <li>Organisaties: {h.organisations.map((g, i) => <span key={g.id}>{i > 0 && ", "}<AppLink to={links.organisation(g)}>{g.name}</AppLink></span>)}</li>}
    </ul>
  );
}
