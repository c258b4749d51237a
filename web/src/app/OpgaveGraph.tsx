import { colour } from "./GemeenteMap";
import { connectionLabel } from "./labels";

export interface GraphNode {
  id: string;
  title: string;
  depth: number;
  // the opgaven one step nearer it connects to, each with the kind of its strongest reason
  via: { id: string; kind: string }[];
}

const kinds = ["LINK", "SHARED_PARTICIPANT", "OVERLAPPING_AREA", "SHARED_INSTRUMENT"];
const kindColour = (k: string) => colour(kinds.indexOf(k));

// OpgaveGraph draws an opgave (in the middle) and the opgaven connected to it in rings by their
// distance, with a line to each opgave one step nearer that it connects to, coloured by why. It is
// an image with a text alternative; the page lists the same opgaven and reasons as text.
export function OpgaveGraph({ centre, nodes, title }: { centre: { id: string; title: string }; nodes: GraphNode[]; title: string }) {
  const w = 520, h = 440, cx = w / 2, cy = h / 2;
  const pos = new Map<string, { x: number; y: number }>([[centre.id, { x: cx, y: cy }]]);
  const rings = [...new Set(nodes.map((n) => n.depth))].sort();
  for (const d of rings) {
    const ring = nodes.filter((n) => n.depth === d);
    // order a ring by the angle of what it hangs on, so lines cross less
    const angleOf = (n: GraphNode) => {
      const p = n.via.map((v) => pos.get(v.id)).find(Boolean);
      return p ? Math.atan2(p.y - cy, p.x - cx) : 0;
    };
    ring.sort((a, b) => angleOf(a) - angleOf(b));
    const r = (Math.min(w, h) / 2 - 30) * (d / Math.max(...rings));
    ring.forEach((n, i) => {
      const a = (2 * Math.PI * i) / ring.length - Math.PI / 2 + d * 0.3;
      pos.set(n.id, { x: cx + r * Math.cos(a), y: cy + r * Math.sin(a) });
    });
  }
  const edges = nodes.flatMap((n) => n.via.filter((v) => pos.has(v.id)).map((v) => ({ from: pos.get(v.id)!, to: pos.get(n.id)!, kind: v.kind, key: `${v.id}-${n.id}` })));
  const used = kinds.filter((k) => edges.some((e) => e.kind === k));
  return (
    <figure className="samenspel-map" data-testid="opgave-graph">
      <svg viewBox={`0 0 ${w} ${h}`} role="img" aria-label={title} data-nodes={nodes.length}>
        <title>{title}</title>
        {edges.map((e) => (
          <line key={e.key} x1={e.from.x} y1={e.from.y} x2={e.to.x} y2={e.to.y} stroke={kindColour(e.kind)} strokeOpacity={0.6} strokeWidth={1.5} />
        ))}
        {nodes.map((n) => {
          const p = pos.get(n.id)!;
          return (
            <circle key={n.id} cx={p.x} cy={p.y} r={n.depth === 1 ? 7 : 5} fill={n.depth === 1 ? "#1b6ca8" : "#9cc3e4"} stroke="#fff" data-id={n.id}>
              <title>{`${n.title} (${n.depth} ${n.depth === 1 ? "stap" : "stappen"})`}</title>
            </circle>
          );
        })}
        <circle cx={cx} cy={cy} r={11} fill="#c23b4e" stroke="#fff" strokeWidth={2}><title>{centre.title}</title></circle>
      </svg>
      <figcaption className="samenspel-map__caption">
        <ul className="samenspel-legend" aria-label="Legenda">
          <li><span className="samenspel-legend__swatch" style={{ background: "#c23b4e" }} aria-hidden="true" />deze opgave</li>
          <li><span className="samenspel-legend__swatch" style={{ background: "#1b6ca8" }} aria-hidden="true" />direct verbonden</li>
          <li><span className="samenspel-legend__swatch" style={{ background: "#9cc3e4" }} aria-hidden="true" />twee stappen</li>
          {used.map((k) => (
            <li key={k}><span className="samenspel-legend__swatch" style={{ background: kindColour(k) }} aria-hidden="true" />lijn: {connectionLabel[k]}</li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
