import { mkdirSync, writeFileSync } from "node:fs";
import type { APIRequestContext } from "@playwright/test";
import { test, expect, checkA11y, signIn } from "./fixtures";
import { gql, gqlRaw } from "./api";

// A running opgave from the demo data with a trekker and someone on its who-else list (looked up
// once per file: the demo data does not change between these tests).
let chosen: Promise<{ id: string; title: string; trekker: string; whoElse: number; explanation: string }> | undefined;
function anOpgave(request: APIRequestContext) {
  chosen ??= findOpgave(request);
  return chosen;
}
async function findOpgave(request: APIRequestContext) {
  const d = await gql(request, `{ opgaven(first: 40, filter: { status: [UITVOERING] }) { edges { node { id title trekker { organisation { name } } } } } }`);
  for (const { node } of d.opgaven.edges) {
    if (!node.trekker) continue;
    const w = await gql(request, `query($id: ID!) { whoElse(opgave: $id, first: 10) { organisation { id } explanation } }`, { id: node.id });
    if (w.whoElse.length > 0) return { id: node.id as string, title: node.title as string, trekker: node.trekker.organisation.name as string, whoElse: w.whoElse.length as number, explanation: w.whoElse[0].explanation as string };
  }
  throw new Error("no running opgave with a trekker and a who-else list in the demo data");
}

const healthQuery = `query($id: ID!) { opgave(id: $id) { health { key status } connected(maxDepth: 2, first: 30) { opgave { id } } } }`;
// The seven indicators of the Interbestuurlijk Programma (the practice indicators have a section of their own).
const seven = ["TREKKER_PER_LEVEL", "ROLES_AGREED", "UITVOERDERS_INVOLVED", "CONTRIBUTION_MATCHES_STAKE", "TRUST_COVERAGE", "TRUST_LEVEL", "TRUST_FRESHNESS"];
const ibp = (health: { key: string; status: string }[]) => health.filter((h) => seven.includes(h.key));

test("an opgave page shows its trekker, seven indicators as the API gives them, who else and the connected opgaven", async ({ page }) => {
  await signIn(page, "analyst");
  const o = await anOpgave(page.request);
  const api = await gql(page.request, healthQuery, { id: o.id }, "analyst");
  expect(ibp(api.opgave.health)).toHaveLength(7); // an analyst sees all seven
  const start = Date.now();
  await page.goto(`/opgave/${o.id}`);
  await expect(page.getByRole("heading", { level: 1, name: o.title })).toBeVisible();
  await expect(page.getByTestId("trekker").first()).toContainText(o.trekker);
  const health = page.getByRole("table", { name: /zeven indicatoren/ });
  await expect(health.locator("tbody tr")).toHaveCount(7);
  const shown = Date.now() - start;
  // (polled: the first answer may still be the one asked before the sign-in was known)
  await expect.poll(() => health.getByTestId("health-status").evaluateAll((els) => els.map((e) => e.getAttribute("data-status"))))
    .toEqual(ibp(api.opgave.health).map((h) => h.status));
  // colour and text: each light comes with its word
  await expect(health.locator("tbody tr").first()).toContainText(/OK|aandacht|ontbreekt/);
  // who else: as many as the API ranks, with their reasons
  const who = page.getByTestId("section-wie-nog-meer");
  await expect(who.locator("tbody tr")).toHaveCount(o.whoElse);
  await expect(who.locator("tbody tr").first()).toContainText(o.explanation); // the API's own sentence
  // connected: the list and the graph hold the API's opgaven
  const connected = page.getByTestId("section-verbonden");
  await expect(connected.getByRole("table").locator("tbody tr")).toHaveCount(api.opgave.connected.length);
  await expect(connected.getByTestId("opgave-graph").locator("svg")).toHaveAttribute("data-nodes", String(api.opgave.connected.length));
  await expect(page.getByTestId("trust-climate")).toBeVisible();
  // the area on the map
  await expect(page.getByTestId("opgave-map").locator("path.samenspel-map__area").first()).toBeVisible();
  mkdirSync("test-results/figures", { recursive: true });
  writeFileSync("test-results/figures/opgave.txt", `opgave page to its seven indicators: ${shown} ms (${api.opgave.connected.length} connected opgaven)\n`);
  await checkA11y(page, "opgave");
});

test("without signing in the page says what is hidden: contacts, trust and the trust indicators", async ({ page }) => {
  const o = await anOpgave(page.request);
  const api = await gql(page.request, healthQuery, { id: o.id });
  expect(ibp(api.opgave.health).length).toBeLessThan(7);
  await page.goto(`/opgave/${o.id}`);
  const health = page.getByRole("table", { name: /zeven indicatoren/ });
  await expect(health.locator("tbody tr")).toHaveCount(7);
  await expect(health.locator('[data-status="HIDDEN"]')).toHaveCount(7 - ibp(api.opgave.health).length);
  await expect(page.getByTestId("section-wie")).toContainText("alleen zichtbaar voor wie is aangemeld");
  await expect(page.getByTestId("section-vertrouwen")).toContainText("alleen zichtbaar voor wie is aangemeld");
  await expect(page.getByRole("link", { name: /bewerken/ })).toHaveCount(0);
  await checkA11y(page, "opgave-anonymous");
});

test("the route to another opgave is found with the search box and kept in the URL", async ({ page }) => {
  const o = await anOpgave(page.request);
  const other = await gql(page.request, `{ opgaven(first: 5, filter: { titleContains: "Woondeal" }) { edges { node { id title } } } }`);
  const to = other.opgaven.edges.map((e: { node: { id: string; title: string } }) => e.node).find((n: { id: string }) => n.id !== o.id);
  const api = await gql(page.request, `query($a: ID!, $b: ID!) { connection(from: $a, to: $b, first: 3) { length } }`, { a: o.id, b: to.id });
  await page.goto(`/opgave/${o.id}`);
  await page.getByLabel("Zoek de andere opgave").fill(to.title);
  await page.getByRole("button", { name: `Route naar ${to.title}` }).click();
  await expect(page).toHaveURL(new RegExp(`naar=${to.id}`));
  const paths = page.getByTestId("paths");
  await expect(paths.getByTestId("path")).toHaveCount(api.connection.length);
  if (api.connection.length > 0) {
    await expect(paths.getByTestId("path").first().locator("li")).toHaveCount(api.connection[0].length + 1);
    await expect(paths.getByTestId("path").first().locator("li").last()).toContainText(to.title);
  }
  // shared link: the same route straight from the URL
  await page.goto(`/opgave/${o.id}?naar=${to.id}`);
  await expect(page.getByTestId("paths").getByTestId("path")).toHaveCount(api.connection.length);
});

test("the gemeente page lists the opgaven in its area, linking to their pages; search links opgaven too", async ({ page }) => {
  const api = await gql(page.request, `{ opgaven(filter: { area: { gemeente: "GM0344" } }, first: 50) { totalCount edges { node { id title } } } }`);
  expect(api.opgaven.totalCount).toBeGreaterThan(0);
  await page.goto("/gemeente/GM0344");
  const list = page.getByTestId("opgaven-in-area");
  await expect(list.getByRole("heading", { name: `Opgaven in dit gebied (${api.opgaven.totalCount})` })).toBeVisible();
  await expect(list.getByRole("link")).toHaveCount(api.opgaven.edges.length);
  const first = api.opgaven.edges[0].node;
  await list.getByRole("link", { name: first.title, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/opgave/${first.id}$`));
  await expect(page.getByRole("heading", { level: 1, name: first.title })).toBeVisible();
  await page.goto(`/?q=${encodeURIComponent(first.title)}`);
  await expect(page.getByTestId("search-results").getByRole("link", { name: first.title, exact: true })).toHaveAttribute("href", `/opgave/${first.id}`);
});

test("a viewer sees the names in roles, and is told that contact details and (where too few assessed) the trust climate are hidden", async ({ page }) => {
  const o = await anOpgave(page.request);
  const c = await gql(page.request, `query($id: ID!) { opgave(id: $id) { contacts { person { id } } } }`, { id: o.id }, "viewer");
  await signIn(page, "viewer");
  await page.goto(`/opgave/${o.id}`);
  const contacts = page.getByRole("table", { name: /Contactpersonen van/ });
  await expect(contacts.locator("tbody tr")).toHaveCount(c.opgave.contacts.length);
  await expect(page.getByTestId("section-wie")).toContainText("E-mail en telefoon zijn verborgen");
  await expect(contacts.getByRole("button")).toHaveCount(0);
  await checkA11y(page, "opgave-viewer");

  // a new opgave has no assessments: the API keeps its trust climate from a viewer
  const made = await gql(page.request, `mutation($t: String!) { createOpgave(input: { title: $t, goal: "g", themes: ["wonen"], scale: LOKAAL, area: { gemeenten: ["GM0344"] } }) { id } }`, { t: `Proef vertrouwen ${Date.now()}` }, "editor");
  const r = await gqlRaw(page.request, `query($id: ID!) { opgave(id: $id) { health { key } trustClimate { pairs } } }`, { id: made.createOpgave.id }, "viewer");
  expect((r.errors ?? []).map((e) => `${e.path?.join(".")} ${e.extensions?.code}`)).toEqual(["opgave.trustClimate FORBIDDEN"]);
  await page.goto(`/opgave/${made.createOpgave.id}`);
  await expect(page.getByTestId("section-vertrouwen")).toContainText("Niet zichtbaar voor uw rol");
  await expect(page.getByRole("table", { name: /zeven indicatoren/ }).locator('[data-status="HIDDEN"]')).toHaveCount(7 - ibp(r.data.opgave.health).length);
  await expect(page.getByTestId("section-wie")).toContainText("geen personen in de rollen genoemd");
});

test("an editor of a participating organisation sees a contact's details when asking for them", async ({ page }) => {
  const d = await gql(page.request, `{ opgaven(first: 20, filter: { organisation: "GM0344" }) { edges { node { id contacts { person { id } } } } } }`, {}, "editor");
  let found: { id: string; row: number; email: string | null } | undefined;
  for (const { node } of d.opgaven.edges) {
    for (const [i, c] of (node.contacts ?? []).entries()) {
      const r = await gqlRaw(page.request, `query($id: ID!) { personContact(id: $id) { email phone } }`, { id: c.person.id }, "editor");
      if (r.data?.personContact) { found = { id: node.id, row: i, email: r.data.personContact.email }; break; }
    }
    if (found) break;
  }
  expect(found, `a contact on an opgave of Utrecht whose details Utrecht's editor may see (${JSON.stringify(d).slice(0, 400)})`).toBeTruthy();
  await signIn(page, "editor");
  await page.goto(`/opgave/${found!.id}`);
  const row = page.getByRole("table", { name: /Contactpersonen van/ }).locator("tbody tr").nth(found!.row);
  await row.getByRole("button", { name: /Toon contactgegevens/ }).click();
  await expect(row).toContainText(found!.email ?? "geen e-mail");
});
