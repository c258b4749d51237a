import { feature } from "topojson-client";
import type { Topology, GeometryCollection } from "topojson-specification";
import type { Feature, Geometry } from "geojson";
import topoUrl from "../geo/gemeente_2025.topojson?url";

export interface GemeenteShape {
  code: string;
  name: string;
  feature: Feature<Geometry>;
}

let loading: Promise<Map<string, GemeenteShape>> | null = null;

// gemeenteShapes loads the CBS gemeente boundaries of 2025 once (served by the service itself,
// from the binary) and indexes them by gemeente code (GM0344).
export function gemeenteShapes(): Promise<Map<string, GemeenteShape>> {
  if (!loading) {
    loading = fetch(topoUrl)
      .then((r) => {
        if (!r.ok) throw new Error(`kaartgegevens: HTTP ${r.status}`);
        return r.json();
      })
      .then((topo: Topology) => {
        const obj = topo.objects["gemeente_2025"] as GeometryCollection<{ statcode: string; statnaam: string }>;
        const fc = feature(topo, obj);
        const out = new Map<string, GemeenteShape>();
        for (const f of fc.features) {
          const p = f.properties as { statcode: string; statnaam: string };
          out.set(p.statcode, { code: p.statcode, name: p.statnaam, feature: f as Feature<Geometry> });
        }
        return out;
      });
    loading.catch(() => { loading = null; });
  }
  return loading;
}
