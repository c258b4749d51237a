import { mkdirSync, writeFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { test, expect, checkA11y } from "./fixtures";
import { gql } from "./api";

// The demo's scale (explorer_test.go passes E2E_DEMO_SCALE on): the draw-time figure is per scale.
const scale = process.env.E2E_DEMO_SCALE || "1";

async function network(page: Page, filter: Record<string, unknown> | null) {
  const d = await gql(page.request, "query($f: NetworkFilter) { collaborationNetwork(filter: $f) { nodes { organisation { id } } edges { weight } } }", { f: filter });
  return d.collaborationNetwork as { nodes: { organisation: { id: string } }[]; edges: unknown[] };
}

test("the network page draws every organisation and link the API returns, and says how long it took", async ({ page }) => {
  const api = await network(page, null);
  expect(api.nodes.length).toBeGreaterThan(400 * (scale === "1" ? 1 : 0.9));
  await page.goto("/netwerk");
  await expect(page.getByRole("heading", { level: 1, name: "Samenwerkingsnetwerk" })).toBeVisible();
  const graph = page.getByTestId("network-graph");
  await expect(graph).toHaveAttribute("data-drawn-ms", /\d+/, { timeout: 60_000 });
  expect(Number(await graph.getAttribute("data-nodes"))).toBe(api.nodes.length);
  expect(Number(await graph.getAttribute("data-edges"))).toBe(api.edges.length);
  // sigma really drew: its WebGL canvases are there and sized
  expect(await graph.locator("canvas").count()).toBeGreaterThanOrEqual(2);
  const first = Number(await graph.getAttribute("data-first-draw-ms"));
  const drawn = Number(await graph.getAttribute("data-drawn-ms"));
  mkdirSync("test-results/figures", { recursive: true });
  writeFileSync(`test-results/figures/network-draw-scale${scale}.txt`,
    `${api.nodes.length} nodes, ${api.edges.length} edges: first picture ${first} ms, laid out and drawn ${drawn} ms after navigation\n`);
  // the text alternative: the communities as a table, as many as the page says
  const communities = page.getByRole("table", { name: /Gemeenschappen met hun grootte/ });
  await expect(communities).toBeVisible();
  await expect(page.getByText(new RegExp(`${api.nodes.length} organisaties, ${api.edges.length} verbindingen`))).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/network.png" });
  await checkA11y(page, "network");
});

test("a theme filter goes into the URL, changes the drawing and the export links", async ({ page }) => {
  await page.goto("/netwerk");
  const graph = page.getByTestId("network-graph");
  await expect(graph).toHaveAttribute("data-drawn-ms", /\d+/, { timeout: 60_000 });
  const all = Number(await graph.getAttribute("data-nodes"));
  const select = page.getByLabel("Thema");
  const option = await select.locator("option").nth(1).getAttribute("value");
  expect(option).toBeTruthy();
  await select.selectOption(option!);
  await expect(page).toHaveURL(new RegExp(`thema=${option}`));
  const api = await network(page, { themes: [option] });
  expect(api.nodes.length).toBeLessThan(all);
  await expect(graph).toHaveAttribute("data-nodes", String(api.nodes.length), { timeout: 60_000 });
  await expect(graph).toHaveAttribute("data-edges", String(api.edges.length));
  // the exports carry the same filter
  const exports = page.getByTestId("network-exports").getByRole("link");
  await expect(exports).toHaveCount(4);
  for (const href of await exports.evaluateAll((as) => as.map((a) => a.getAttribute("href")!))) {
    expect(href).toMatch(/^\/export\/network\/(graphml|json|nodes\.csv|edges\.csv)\?/);
    expect(new URL(href, "http://x").searchParams.getAll("theme")).toEqual([option]);
  }
  // and one of them answers with GraphML of as many nodes as drawn
  const graphml = await exports.filter({ hasText: "GraphML" }).getAttribute("href");
  const res = await page.request.get(graphml!);
  expect(res.status()).toBe(200);
  const xml = await res.text();
  expect(xml).toContain("<graphml");
  expect(xml.match(/<node /g)?.length).toBe(api.nodes.length);
  await checkA11y(page, "network-theme");
});

test("an area and a date filter go into the URL and into the exports", async ({ page }) => {
  await page.goto("/netwerk");
  await page.getByLabel("Gebied").fill("GM0344");
  await page.getByRole("button", { name: "Gebied toepassen" }).click();
  await expect(page).toHaveURL(/gebied=GM0344/);
  await page.getByLabel(/Datum/).fill("2025-06-01");
  await expect(page).toHaveURL(/datum=2025-06-01/);
  const api = await network(page, { area: { gemeente: "GM0344" }, at: "2025-06-01" });
  const graph = page.getByTestId("network-graph");
  await expect(graph).toHaveAttribute("data-nodes", String(api.nodes.length), { timeout: 60_000 });
  const href = await page.getByTestId("network-exports").getByRole("link", { name: "JSON" }).getAttribute("href");
  const params = new URL(href!, "http://x").searchParams;
  expect(params.get("gemeente")).toBe("GM0344");
  expect(params.get("at")).toBe("2025-06-01");
  const res = await page.request.get(href!);
  expect(res.status()).toBe(200);
  expect((await res.json()).nodes.length).toBe(api.nodes.length);
  // a wrong area is said at its field, in words
  await page.getByLabel("Gebied").fill("Utrecht");
  await page.getByRole("button", { name: "Gebied toepassen" }).click();
  await expect(page.getByText(/geen gemeentecode of indeling\/code/)).toBeVisible();
});
