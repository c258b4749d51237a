// Runs every case of ../cases.json against Samenspel and the peer and compares the answers the way
// the benchmark runner does: every scalar leaf of `data` (strings, numbers rounded to 6 decimals,
// booleans; nulls ignored), regardless of keys and nesting, compared as sorted multisets.
//
//   SAMENSPEL_URL  e.g. http://127.0.0.1:8091/graphql
//   PEER_URL       e.g. http://127.0.0.1:4001/graphql
//   SAMENSPEL_KEY  optional API key (editor or admin), sent as `Authorization: Bearer <key>` with
//                  the Samenspel request of every mutation case
//
// Prints one line per case: "equal", "no peer query", or the leaves that differ (first few).
// Exits 1 when a case with a peer query is not equal or fails.
import { readFile } from "node:fs/promises";

const samenspelURL = process.env.SAMENSPEL_URL || "http://127.0.0.1:8091/graphql";
const peerURL = process.env.PEER_URL || "http://127.0.0.1:4001/graphql";
const key = process.env.SAMENSPEL_KEY || "";
const cases = JSON.parse(await readFile(new URL("../cases.json", import.meta.url), "utf8"));

const isMutation = (q) => /^\s*mutation\b/.test(q);

async function post(url, query, auth) {
  const headers = { "content-type": "application/json", accept: "application/json" };
  if (auth) headers.authorization = `Bearer ${auth}`;
  const res = await fetch(url, { method: "POST", headers, body: JSON.stringify({ query }) });
  const text = await res.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`HTTP ${res.status}: ${text.slice(0, 200)}`);
  }
  if (body.errors?.length) throw new Error(`HTTP ${res.status}: ${JSON.stringify(body.errors).slice(0, 400)}`);
  if (body.data == null) throw new Error(`HTTP ${res.status}: no data`);
  return body.data;
}

export function leaves(v, out = []) {
  if (v === null || v === undefined) return out;
  if (Array.isArray(v)) {
    for (const x of v) leaves(x, out);
  } else if (typeof v === "object") {
    for (const x of Object.values(v)) leaves(x, out);
  } else if (typeof v === "number") {
    const r = Math.round(v * 1e6) / 1e6;
    out.push(`number:${Object.is(r, -0) ? 0 : r}`);
  } else if (typeof v === "boolean") {
    out.push(`boolean:${v}`);
  } else {
    out.push(`string:${v}`);
  }
  return out;
}

// diff returns the leaves only a has and only b has (multiset difference).
function diff(a, b) {
  const count = new Map();
  for (const x of b) count.set(x, (count.get(x) || 0) + 1);
  const onlyA = [];
  for (const x of a) {
    const n = count.get(x) || 0;
    if (n > 0) count.set(x, n - 1);
    else onlyA.push(x);
  }
  const onlyB = [];
  for (const [x, n] of count) for (let i = 0; i < n; i++) onlyB.push(x);
  return [onlyA.sort(), onlyB.sort()];
}

let failed = 0;
for (const c of cases) {
  if (c.peer == null) {
    console.log(`${c.name}: no peer query (${(c.peerWhy || "").slice(0, 100)}…)`);
    continue;
  }
  try {
    const s = await post(samenspelURL, c.samenspel, isMutation(c.samenspel) ? key : "");
    const p = await post(peerURL, c.peer, "");
    const ls = leaves(s).sort();
    const lp = leaves(p).sort();
    const [onlyS, onlyP] = diff(ls, lp);
    if (onlyS.length === 0 && onlyP.length === 0) {
      console.log(`${c.name}: equal (${ls.length} leaves)`);
    } else {
      failed++;
      console.log(`${c.name}: DIFFERENT (${ls.length} vs ${lp.length} leaves)`);
      console.log(`  only samenspel: ${JSON.stringify(onlyS.slice(0, 8))}${onlyS.length > 8 ? ` … ${onlyS.length} in all` : ""}`);
      console.log(`  only peer:      ${JSON.stringify(onlyP.slice(0, 8))}${onlyP.length > 8 ? ` … ${onlyP.length} in all` : ""}`);
    }
  } catch (err) {
    failed++;
    console.log(`${c.name}: ERROR ${err.message}`);
  }
}
process.exitCode = failed ? 1 : 0;
