import { useEffect, useMemo, useState } from "react";
import { geoMercator, geoPath } from "d3-geo";
import type { Feature, FeatureCollection, Geometry } from "geojson";
import { gemeenteShapes, type GemeenteShape } from "./geo";

export interface MapArea {
  code: string; // gemeente code, GM0344
  fill: string; // a CSS colour
  label?: string; // what the area means, shown on hover and to screen readers
}

export interface LegendItem { fill: string; label: string }

// GemeenteMap draws gemeenten as an SVG map (d3-geo, Mercator), fitted to the areas given; the
// other gemeenten around them are drawn in light grey for orientation. Colours mean what the
// legend says; `highlight` outlines gemeenten (e.g. the one the page is about). The map is an
// image with a text alternative; the same facts are always also on the page as text.
export function GemeenteMap({ title, areas, highlight = [], legend = [], onSelect, height = 360, testId }: {
  title: string;
  areas: MapArea[];
  highlight?: string[];
  legend?: LegendItem[];
  onSelect?: (code: string) => void;
  height?: number;
  testId?: string;
}) {
  const [shapes, setShapes] = useState<Map<string, GemeenteShape> | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    gemeenteShapes().then((s) => live && setShapes(s), () => live && setFailed(true));
    return () => { live = false; };
  }, []);

  const width = 480;
  const drawn = useMemo(() => {
    if (!shapes) return null;
    const byCode = new Map(areas.map((a) => [a.code, a]));
    const focus = areas.map((a) => shapes.get(a.code)).filter((s): s is GemeenteShape => !!s);
    const fitTo: FeatureCollection<Geometry> = {
      type: "FeatureCollection",
      features: (focus.length ? focus : [...shapes.values()]).map((s) => s.feature as Feature<Geometry>),
    };
    const projection = geoMercator().fitExtent([[8, 8], [width - 8, height - 8]], fitTo);
    const path = geoPath(projection);
    const missing = areas.filter((a) => !shapes.has(a.code)).map((a) => a.code);
    const paths = [...shapes.values()].map((s) => ({ s, d: path(s.feature) ?? "", area: byCode.get(s.code) }));
    return { paths, missing };
  }, [shapes, areas, height]);

  if (failed) return <p className="utrecht-paragraph">De kaart kon niet worden geladen.</p>;
  if (!drawn) return <div role="status" className="samenspel-map samenspel-map--loading" style={{ height }}>Kaart laden…</div>;
  const hl = new Set(highlight);
  return (
    <figure className="samenspel-map" data-testid={testId}>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title} data-areas={areas.length - drawn.missing.length}>
        <title>{title}</title>
        {drawn.paths.filter((p) => !p.area).map(({ s, d }) => (
          <path key={s.code} d={d} className="samenspel-map__context" />
        ))}
        {drawn.paths.filter((p) => p.area).map(({ s, d, area }) => (
          <path
            key={s.code}
            d={d}
            fill={area!.fill}
            className={`samenspel-map__area${hl.has(s.code) ? " samenspel-map__area--highlight" : ""}${onSelect ? " samenspel-map__area--link" : ""}`}
            data-code={s.code}
            onClick={onSelect ? () => onSelect(s.code) : undefined}
          >
            <title>{area!.label ? `${s.name}: ${area!.label}` : s.name}</title>
          </path>
        ))}
        {drawn.paths.filter((p) => hl.has(p.s.code)).map(({ s, d }) => (
          <path key={`hl-${s.code}`} d={d} className="samenspel-map__outline" />
        ))}
      </svg>
      <figcaption className="samenspel-map__caption">
        {legend.length > 0 && (
          <ul className="samenspel-legend" aria-label="Legenda">
            {legend.map((l) => (
              <li key={l.label}><span className="samenspel-legend__swatch" style={{ background: l.fill }} aria-hidden="true" />{l.label}</li>
            ))}
          </ul>
        )}
        {drawn.missing.length > 0 && <span>Zonder grens op de kaart (niet meer bestaand in 2025): {drawn.missing.join(", ")}. </span>}
        <span className="samenspel-map__source">Kaart: gemeentegrenzen 2025, Bron: CBS / PDOK (CC BY 4.0).</span>
      </figcaption>
    </figure>
  );
}

// palette gives n distinguishable colours (for regions, communities); the same index keeps its colour.
export const palette = ["#1b6ca8", "#e07b39", "#3a9d5d", "#c23b4e", "#7d5ba6", "#8c6d31", "#d45fa8", "#5b7083", "#b8b22f", "#2ba3a3", "#f2a93b", "#4c4cb0"];
export function colour(i: number): string {
  return palette[((i % palette.length) + palette.length) % palette.length];
}
