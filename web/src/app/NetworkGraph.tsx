import { useEffect, useRef, useState } from "react";
import type Graph from "graphology";
import Sigma from "sigma";
import forceAtlas2 from "graphology-layout-forceatlas2";
import type { LegendItem } from "./GemeenteMap";

// Node attributes NetworkGraph reads: sigma's own (x, y, size, color, label) plus `ring`, a dark
// ring around the node (for brokers).
export interface GraphNode { x: number; y: number; size: number; color: string; label: string; ring?: boolean; zIndex?: number }

// seedPositions places the nodes before the layout: each group (a community) around its own point
// on a circle, the nodes of a group spread around it (a fixed pseudo-random sequence, so the same
// data always gives the same picture). ForceAtlas2 then needs far fewer iterations.
export function seedPositions(graph: Graph, group: (node: string) => number) {
  let s = 1;
  const rnd = () => ((s = (s * 16807) % 2147483647) - 1) / 2147483646;
  const groups = new Set<number>();
  graph.forEachNode((n) => { groups.add(group(n)); });
  const k = Math.max(groups.size, 1);
  graph.forEachNode((n) => {
    const g = group(n);
    const a = (2 * Math.PI * g) / k;
    const r = 50 * Math.sqrt(rnd());
    const t = 2 * Math.PI * rnd();
    graph.mergeNodeAttributes(n, { x: 200 * Math.cos(a) + r * Math.cos(t), y: 200 * Math.sin(a) + r * Math.sin(t) });
  });
}

// NetworkGraph draws a graphology graph with sigma.js (WebGL): pan with the mouse, zoom with the
// wheel or the buttons, click a node to open it. The layout is ForceAtlas2, run for a bounded
// number of iterations a few at a time between frames, so the page stays responsive and shows
// how far it is; until then the nodes stand grouped by community. The container tells what was drawn: data-nodes and data-edges (sigma's graph
// once drawn), data-first-draw-ms (navigation until the first picture) and data-drawn-ms
// (navigation until the layout is done and drawn); performance marks say the same. The drawing
// is an image with a text alternative (`title`); the page gives the same facts as tables.
export function NetworkGraph({ graph, title, legend = [], onSelect, iterations = 150, small, testId }: {
  graph: Graph;
  title: string;
  legend?: LegendItem[];
  onSelect?: (node: string) => void;
  iterations?: number;
  small?: boolean;
  testId?: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const sigma = useRef<Sigma | null>(null);
  const select = useRef(onSelect);
  select.current = onSelect;
  const [done, setDone] = useState(0);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    setDone(0);
    setFailed(false);
    delete el.dataset.nodes;
    delete el.dataset.drawnMs;
    let renderer: Sigma;
    try {
      renderer = new Sigma(graph, el, {
        defaultEdgeColor: "#c9ced6",
        labelRenderedSizeThreshold: 9,
        labelDensity: 0.5,
        zIndex: true,
        minCameraRatio: 0.05,
        maxCameraRatio: 4,
      });
    } catch {
      setFailed(true); // no WebGL
      return;
    }
    sigma.current = renderer;
    // The rings around brokers: a 2D layer over the nodes, redrawn after every frame.
    // (sigma passes afterLayer on to createCanvas; its type for createCanvasContext leaves it out)
    renderer.createCanvasContext("rings", { style: { pointerEvents: "none" }, afterLayer: "nodes" } as Parameters<Sigma["createCanvasContext"]>[1]);
    renderer.resize(true);
    const rings: string[] = graph.filterNodes((_, a) => !!a.ring);
    renderer.on("afterRender", () => {
      const ctx = renderer.getCanvases().rings.getContext("2d")!;
      const { width, height } = renderer.getDimensions();
      ctx.clearRect(0, 0, width, height);
      ctx.strokeStyle = "#111";
      ctx.lineWidth = 2;
      for (const n of rings) {
        const d = renderer.getNodeDisplayData(n);
        if (!d || d.hidden) continue;
        const p = renderer.framedGraphToViewport(d);
        ctx.beginPath();
        ctx.arc(p.x, p.y, renderer.scaleSize(d.size) + 2, 0, 2 * Math.PI);
        ctx.stroke();
      }
    });
    renderer.on("enterNode", () => { el.style.cursor = "pointer"; });
    renderer.on("leaveNode", () => { el.style.cursor = ""; });
    renderer.on("clickNode", ({ node }) => select.current?.(node));

    renderer.once("afterRender", () => {
      performance.mark("network-first-draw");
      el.dataset.firstDrawMs = String(Math.round(performance.now()));
    });
    renderer.refresh();

    // ForceAtlas2 on a copy of the graph, a few iterations at a time within ~40 ms per frame, so
    // the page stays responsive and the progress bar moves; the drawn graph gets the positions
    // once at the end (sigma then redraws once, not after every step: with thousands of edges a
    // redraw costs more than an iteration).
    const work = graph.copy();
    const settings = { ...forceAtlas2.inferSettings(graph), slowDown: 5 };
    let ran = 0;
    let frame = 0;
    const tick = () => {
      const t0 = performance.now();
      while (ran < iterations && performance.now() - t0 < 40) {
        const n = Math.min(5, iterations - ran);
        if (work.order > 1) forceAtlas2.assign(work, { iterations: n, settings, getEdgeWeight: "weight" });
        ran += n;
      }
      setDone(ran);
      if (ran < iterations) {
        frame = requestAnimationFrame(tick);
        return;
      }
      graph.updateEachNodeAttributes((n, a) => ({ ...a, x: work.getNodeAttribute(n, "x"), y: work.getNodeAttribute(n, "y") }), { attributes: ["x", "y"] });
      renderer.refresh();
      performance.mark("network-drawn");
      el.dataset.nodes = String(renderer.getGraph().order);
      el.dataset.edges = String(renderer.getGraph().size);
      el.dataset.drawnMs = String(Math.round(performance.now()));
    };
    frame = requestAnimationFrame(tick);
    return () => {
      cancelAnimationFrame(frame);
      renderer.kill();
      sigma.current = null;
    };
  }, [graph, iterations]);

  const camera = (f: (c: ReturnType<Sigma["getCamera"]>) => void) => { const s = sigma.current; if (s) f(s.getCamera()); };
  return (
    <figure className="samenspel-network">
      <div className="samenspel-network__tools">
        <button type="button" className="utrecht-button utrecht-button--secondary-action-button" onClick={() => camera((c) => c.animatedZoom({ duration: 300 }))}>Inzoomen</button>
        <button type="button" className="utrecht-button utrecht-button--secondary-action-button" onClick={() => camera((c) => c.animatedUnzoom({ duration: 300 }))}>Uitzoomen</button>
        <button type="button" className="utrecht-button utrecht-button--secondary-action-button" onClick={() => camera((c) => c.animatedReset({ duration: 300 }))}>Alles tonen</button>
        {done < iterations && !failed && (
          <span className="samenspel-loading" role="status">
            <progress aria-label="Opmaak van het netwerk" max={iterations} value={done} />
            <span>Opmaak berekenen… ({Math.round((100 * done) / iterations)} %)</span>
          </span>
        )}
      </div>
      {failed && <p className="utrecht-paragraph">Deze browser kan het netwerk niet tekenen (geen WebGL). De tabellen hieronder geven dezelfde gegevens.</p>}
      <div ref={box} className={small ? "samenspel-graph samenspel-graph--small" : "samenspel-graph"} role="img" aria-label={title} data-testid={testId} />
      <figcaption className="samenspel-map__caption">
        {legend.length > 0 && (
          <ul className="samenspel-legend" aria-label="Legenda">
            {legend.map((l) => (
              <li key={l.label}>
                {l.fill !== "none" && <span className={`samenspel-legend__swatch${l.fill === "ring" ? " samenspel-legend__swatch--ring" : ""}`} style={l.fill === "ring" ? undefined : { background: l.fill }} aria-hidden="true" />}
                {l.label}
              </li>
            ))}
          </ul>
        )}
        <span>Slepen om te verschuiven, scrollen of de knoppen om te zoomen{onSelect ? ", klik op een organisatie om haar te openen" : ""}.</span>
      </figcaption>
    </figure>
  );
}
