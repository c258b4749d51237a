import { test, expect, checkA11y, signIn } from "./fixtures";
import { gql } from "./api";

// The practice of working together on an opgave of the demo data: the page shows what the API
// holds (interests, agreements, check-ins, results, lessons and the five practice indicators),
// the shareable summary names every partner's contribution, and lessons are searchable.

const practiceQuery = `query($id: ID!) { opgave(id: $id) { title
  health { key status }
  interests { id } interestConflicts(includeResolved: true) { id } agreements { id overdue withoutMandate }
  checkInSummary { trend { answers } spread { question } missing { id } }
  checkIns(first: 20) { id }
  results { id title contributions { description organisation { name } } } resultSummary { url }
  lessons { id title } } }`;
const five = ["MANDATE_IN_PLACE", "CHECK_IN_RHYTHM", "CHECK_IN_SPREAD", "RESULTS_ACHIEVED", "LESSONS_RECENT"];

// An opgave of the demo data with agreements, check-ins, results and a recent lesson.
async function practiced(request: Parameters<typeof gql>[0]) {
  const d = await gql(request, `{ lessons(first: 60) { date opgave { id } } }`, {}, "analyst");
  for (const l of d.lessons) {
    const o = await gql(request, practiceQuery, { id: l.opgave.id }, "analyst");
    if (o.opgave.agreements.length > 0 && o.opgave.checkIns.length > 0 && o.opgave.results.some((r: { contributions: unknown[] }) => r.contributions.length > 0) && o.opgave.interests.length > 0) {
      return { id: l.opgave.id as string, ...o.opgave };
    }
  }
  throw new Error("no opgave of the demo data with interests, agreements, check-ins, results and lessons");
}

test("an opgave page shows its interests, agreements, check-ins, results, lessons and the five practice indicators", async ({ page }) => {
  await signIn(page, "analyst");
  const o = await practiced(page.request);
  await page.goto(`/opgave/${o.id}`);
  await expect(page.getByRole("heading", { level: 1, name: o.title })).toBeVisible();
  const indicators = page.getByRole("table", { name: /vijf indicatoren/ });
  await expect(indicators.locator("tbody tr")).toHaveCount(5);
  const want = five.map((k) => o.health.find((h: { key: string }) => h.key === k)?.status ?? "HIDDEN");
  await expect.poll(() => indicators.getByTestId("health-status").evaluateAll((els) => els.map((e) => e.getAttribute("data-status")))).toEqual(want);
  await expect(page.getByRole("table", { name: /Belangen van de deelnemers/ }).locator("tbody tr")).toHaveCount(o.interests.length);
  const agreements = page.getByRole("table", { name: /Afspraken en besluiten van/ });
  await expect(agreements.locator("tbody tr")).toHaveCount(o.agreements.length);
  await expect(agreements.getByText("te laat")).toHaveCount(o.agreements.filter((a: { overdue: boolean }) => a.overdue).length);
  await expect(page.getByRole("table", { name: /Verloop per vraag/ }).locator("tbody tr")).toHaveCount(o.checkInSummary.trend.length);
  await expect(page.getByRole("table", { name: /Waar de deelnemers het meest verschillen/ }).locator("tbody tr")).toHaveCount(3);
  await expect(page.getByRole("table", { name: /De check-ins, nieuwste eerst/ }).locator("tbody tr")).toHaveCount(o.checkIns.length);
  await expect(page.getByRole("table", { name: /Resultaten van/ }).locator("tbody tr")).toHaveCount(o.results.length);
  await expect(page.getByTestId("lessons").locator("li")).toHaveCount(o.lessons.length);
  await checkA11y(page, "opgave-practice");

  // The shareable summary, from the link on the page: every contribution named.
  await page.getByTestId("summary-link").click();
  await expect(page).toHaveURL(new RegExp(`/opgaven/${o.id}/summary.html$`));
  await expect(page.getByRole("heading", { level: 1 })).toContainText(o.title);
  for (const r of o.results) for (const c of r.contributions) await expect(page.getByText(`${r.title}: ${c.description}`).first()).toBeVisible();
  await checkA11y(page, "summary");
});

test("without signing in the page says the interests, agreements, check-ins and lessons are for signed-in users; results show", async ({ page }) => {
  const o = await practiced(page.request);
  await page.goto(`/opgave/${o.id}`);
  for (const s of ["belangen", "afspraken", "check-ins", "lessen"]) {
    await expect(page.getByTestId(`section-${s}`)).toContainText("Alleen zichtbaar voor wie is aangemeld");
  }
  await expect(page.getByRole("table", { name: /Resultaten van/ }).locator("tbody tr")).toHaveCount(o.results.length);
  // only RESULTS_ACHIEVED is public: the others rest on agreements, check-ins and lessons
  const hidden = page.getByRole("table", { name: /vijf indicatoren/ }).locator('[data-status="HIDDEN"]');
  await expect(hidden).toHaveCount(4);
  await expect(page.getByRole("table", { name: /vijf indicatoren/ }).locator("tbody tr").filter({ has: page.locator('[data-status="HIDDEN"]') }).first()).toContainText("Alleen zichtbaar voor wie is aangemeld");
});

test("lessons are found across opgaven by theme and by words, and the search is kept in the URL", async ({ page }) => {
  await signIn(page, "viewer");
  const api = await gql(page.request, `{ lessons(theme: "wonen", search: "raden", first: 50) { id } }`, {}, "viewer");
  expect(api.lessons.length).toBeGreaterThan(0);
  await page.goto("/lessen");
  await page.getByLabel("Thema").selectOption("wonen");
  await page.getByLabel("Woorden in titel of tekst").fill("raden");
  await expect(page).toHaveURL(/thema=wonen/);
  await expect(page).toHaveURL(/q=raden/);
  await expect(page.getByRole("table", { name: /lessen, nieuwste eerst/ }).locator("tbody tr")).toHaveCount(api.lessons.length);
  await page.reload();
  await expect(page.getByRole("table", { name: /lessen, nieuwste eerst/ }).locator("tbody tr")).toHaveCount(api.lessons.length);
  await checkA11y(page, "lessons");
});

test("an editor of a participating organisation answers the check-in on the opgave page; a missing answer is marked at its question", async ({ page }) => {
  // An opgave Utrecht (the editor key's organisation) takes part in now.
  const d = await gql(page.request, `{ opgaven(first: 50, filter: { organisation: "GM0344", status: [UITVOERING] }) { edges { node { id title participants { organisation { id } } } } } }`);
  const o = d.opgaven.edges.map((e: { node: { id: string; title: string; participants: { organisation: { id: string } }[] } }) => e.node)
    .find((n: { participants: { organisation: { id: string } }[] }) => n.participants.some((p) => p.organisation.id === "GM0344"));
  expect(o, "a running opgave Utrecht takes part in").toBeTruthy();
  const before = await gql(page.request, `query($id: ID!) { opgave(id: $id) { checkIns(first: 100) { id } } }`, { id: o.id }, "editor");
  await signIn(page, "editor");
  await page.goto(`/opgave/${o.id}`);
  const form = page.getByTestId("check-in-form");
  await form.getByLabel("Doen we het goed?").selectOption("3");
  await form.getByLabel("Doen we het goed met elkaar?").selectOption("5");
  await form.getByRole("button", { name: "Check-in vastleggen" }).click();
  const first = form.getByLabel("Doen we het goede?");
  await expect(first).toHaveAttribute("aria-invalid", "true");
  await expect(first).toBeFocused();
  await expect(form).toContainText("Kies 1 tot 5.");
  await first.selectOption("4");
  await form.getByLabel(/Notitie/).fill("proef vanuit de verkenner");
  await form.getByRole("button", { name: "Check-in vastleggen" }).click();
  await expect(form.getByText(/vastgelegd/)).toBeVisible();
  const after = await gql(page.request, `query($id: ID!) { opgave(id: $id) { checkIns(first: 100) { id rightThings thingsRight together note organisation { id } } } }`, { id: o.id }, "editor");
  expect(after.opgave.checkIns).toHaveLength(before.opgave.checkIns.length + 1);
  expect(after.opgave.checkIns[0]).toMatchObject({ rightThings: 4, thingsRight: 3, together: 5, note: "proef vanuit de verkenner", organisation: { id: "GM0344" } });
  await expect(page.getByRole("table", { name: /De check-ins van uw organisatie/ }).locator("tbody tr")).toHaveCount(after.opgave.checkIns.length);
  await checkA11y(page, "check-in-form");
});
