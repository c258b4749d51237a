import { test, expect, checkA11y, signIn, key } from "./fixtures";
import { gql } from "./api";

const analyst = { Authorization: `Bearer ${key("analyst")}` };

test("an analyst sees the weak links, the trust network and one pair's history, as the API gives them", async ({ page }) => {
  // what the API says, asked as the analyst
  const weak = (await gql(page.request, "{ weakLinks(first: 100) { a { id } b { id } sharedOpgaven trust } }", {}, "analyst")).weakLinks as { a: { id: string }; b: { id: string } }[];
  expect(weak.length).toBeGreaterThan(0);
  const exported = await (await page.request.get("/export/trust/json", { headers: analyst })).json();
  expect(exported.edges.length).toBeGreaterThan(0);

  await signIn(page, "analyst");
  await page.goto("/vertrouwen");
  await expect(page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Vertrouwen" })).toBeVisible();
  const table = page.getByRole("table", { name: /Zwakke verbindingen/ });
  await expect(table.locator("tbody tr")).toHaveCount(weak.length);
  await expect(page.getByTestId("weak-graph")).toHaveAttribute("data-edges", String(weak.length), { timeout: 60_000 });
  // the trust network: every latest assessment drawn
  await expect(page.getByTestId("trust-graph")).toHaveAttribute("data-edges", String(exported.edges.length), { timeout: 60_000 });
  const byScore = page.getByRole("table", { name: "Laatste beoordelingen per score" });
  const counts = await byScore.locator("tbody tr td:nth-child(2)").allInnerTexts();
  expect(counts.map(Number).reduce((a, b) => a + b, 0)).toBe(exported.edges.length);

  // a filter in the URL: at least 2 shared opgaven, fewer pairs
  await page.getByLabel("Minstens gedeelde opgaven").selectOption("2");
  await expect(page).toHaveURL(/gedeeld=2/);
  const weak2 = (await gql(page.request, "{ weakLinks(first: 100, minSharedOpgaven: 2) { sharedOpgaven } }", {}, "analyst")).weakLinks as { sharedOpgaven: number }[];
  await expect(table.locator("tbody tr")).toHaveCount(weak2.length);
  // a pair chosen from the table goes into the URL and shows its trust in both directions
  await table.getByRole("button", { name: /Bekijk het vertrouwen tussen/ }).first().click();
  await expect(page).toHaveURL(/paar=[^&]+(~|%7E)/);
  await expect(page.getByRole("heading", { level: 2, name: /Vertrouwen tussen .+ en / })).toBeVisible();

  // one assessed pair from the trust network: its history as the trust query gives it
  const e = exported.edges[0];
  await page.goto(`/vertrouwen?paar=${e.source}~${e.target}`);
  const rel = (await gql(page.request, "query($a: ID!, $b: ID!) { trust(from: $a, to: $b) { history { id } } }", { a: e.source, b: e.target }, "analyst")).trust;
  expect(rel.history.length).toBeGreaterThan(0);
  await expect(page.getByRole("table", { name: /Alle beoordelingen tussen/ }).locator("tbody tr")).toHaveCount(rel.history.length);
  // the whole page as it stands, for the screenshot and axe: the weak links and the trust network too
  await expect(table.locator("tbody tr")).toHaveCount(weak.length);
  await expect(page.getByTestId("trust-graph")).toHaveAttribute("data-drawn-ms", /\d+/, { timeout: 60_000 });
  await page.screenshot({ path: "test-results/screenshots/trust.png" });
  await checkA11y(page, "trust");
});

test("without the right role the trust page explains why, with a sign-in link", async ({ page }) => {
  await page.goto("/vertrouwen");
  await expect(page.getByRole("heading", { level: 1, name: "Vertrouwen" })).toBeVisible();
  await expect(page.getByText(/Alleen analisten en\s+beheerders/)).toBeVisible();
  await expect(page.getByRole("link", { name: "Meld u aan" })).toHaveAttribute("href", "/aanmelden");
  await expect(page.getByRole("table")).toHaveCount(0);
  await expect(page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Vertrouwen" })).toHaveCount(0);
  await checkA11y(page, "trust-anonymous");
});

test("a viewer is told the role may not see trust", async ({ page }) => {
  await signIn(page, "viewer");
  await page.goto("/vertrouwen");
  await expect(page.getByText("Uw rol mag deze gegevens niet zien.", { exact: false })).toBeVisible();
  await expect(page.getByRole("table")).toHaveCount(0);
});
