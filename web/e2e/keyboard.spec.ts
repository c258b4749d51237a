import { test, expect, signIn, type Role } from "./fixtures";
import { gql } from "./api";
import type { Page } from "@playwright/test";

// Every page is usable with the keyboard alone: a page opens with the focus on its content (the
// layout moves it there on every navigation), Tab goes from there through every control to the
// footer without getting stuck, and every stop is visible and has a name a screen reader
// can say. (The maps and the network are pictures; their facts are in tables and links on the
// same page, which these stops reach.)

async function tabThrough(page: Page, maxStops = 600) {
  const stops: { tag: string; name: string; main: boolean }[] = [];
  for (let i = 0; i < maxStops; i++) {
    await page.keyboard.press("Tab");
    const s = await page.evaluate(() => {
      const e = document.activeElement as HTMLElement | null;
      if (!e || e === document.body) return null;
      const r = e.getBoundingClientRect();
      const label = (e as HTMLInputElement).labels?.[0]?.innerText ?? "";
      const name = (e.getAttribute("aria-label") ?? "") || label || e.innerText || e.getAttribute("title") || (e as HTMLInputElement).value || "";
      return { tag: e.tagName.toLowerCase(), name: name.trim().slice(0, 80), visible: r.width > 0 && r.height > 0, footer: !!e.closest("footer"), main: !!e.closest("main") };
    });
    if (!s) continue;
    expect(s.visible, `tab stop ${i + 1} (${s.tag} "${s.name}") is not visible`).toBeTruthy();
    expect(s.name, `tab stop ${i + 1} (${s.tag}) has no name`).not.toBe("");
    stops.push(s);
    if (s.footer) return stops;
  }
  throw new Error(`the footer was not reached in ${maxStops} Tab presses: focus is stuck (last stops: ${JSON.stringify(stops.slice(-3))})`);
}

const pages: { name: string; path: string; role?: Role; ready: RegExp }[] = [
  { name: "search", path: "/?q=utrecht", ready: /Zoeken/ },
  { name: "gemeente", path: "/gemeente/GM0344", ready: /Utrecht/ },
  { name: "region", path: "/regio/veiligheidsregio/VR09", ready: /Utrecht/ },
  { name: "compare", path: "/vergelijk?a=arbeidsmarktregio&b=ggd_regio", ready: /Indelingen vergelijken/ },
  { name: "network", path: "/netwerk", ready: /Samenwerkingsnetwerk/ },
  { name: "trust", path: "/vertrouwen", role: "analyst", ready: /Vertrouwen/ },
  { name: "new opgave", path: "/opgave/nieuw", role: "editor", ready: /Nieuwe opgave/ },
  { name: "spreadsheet", path: "/spreadsheet", role: "editor", ready: /Spreadsheet/ },
  { name: "lessons", path: "/lessen?thema=wonen", role: "viewer", ready: /Lessen/ },
];

for (const p of pages) {
  test(`the ${p.name} page can be used with the keyboard alone`, async ({ page }) => {
    if (p.role) await signIn(page, p.role);
    await page.goto(p.path);
    await expect(page.getByRole("heading", { level: 1, name: p.ready })).toBeVisible();
    await page.waitForLoadState("networkidle");
    const stops = await tabThrough(page);
    expect(stops[0].main, `the first stop (${stops[0].tag} "${stops[0].name}") is in the page's content`).toBeTruthy();
    expect(stops.length).toBeGreaterThan(5);
  });
}

test("the opgave page can be used with the keyboard alone, and the skip link moves to the content", async ({ page }) => {
  const d = await gql(page.request, `{ opgaven(first: 1, filter: { status: [UITVOERING] }) { edges { node { id title } } } }`);
  const o = d.opgaven.edges[0].node;
  await page.goto(`/opgave/${o.id}`);
  await expect(page.getByRole("heading", { level: 1, name: o.title })).toBeVisible();
  await page.waitForLoadState("networkidle");
  // the skip link, first in the page, moves the focus to the content
  await page.getByRole("link", { name: "Naar de inhoud" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.locator("#main")).toBeFocused();
  const stops = await tabThrough(page);
  expect(stops[0].main).toBeTruthy();
  expect(stops.length).toBeGreaterThan(5);
});

test("a select changes the compare page from the keyboard", async ({ page }) => {
  await page.goto("/vergelijk?a=arbeidsmarktregio&b=ggd_regio");
  await expect(page.getByTestId("congruence-score")).toBeVisible();
  const b = page.getByLabel("Indeling B");
  const values = await b.locator("option").evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  const next = values[values.indexOf("ggd_regio") + 1];
  expect(next).toBeTruthy();
  await b.focus();
  await page.keyboard.press("ArrowDown");
  // the next division is chosen, the URL follows and the score is computed for it
  await expect(b).toHaveValue(next);
  await expect(page).toHaveURL(new RegExp(`[?&]b=${next}(&|$)`));
  await expect(page.getByTestId("congruence-score")).toBeVisible();
});
