import { test, expect, checkA11y, signIn } from "./fixtures";

test("search finds Súdwest-Fryslân from “sudwest”, with the keyboard", async ({ page }) => {
  await page.goto("/");
  const box = page.getByRole("combobox", { name: "Zoekterm" });
  await box.fill("sudwest");
  await expect(page).toHaveURL(/\?q=sudwest/);
  const results = page.getByTestId("search-results");
  await expect(results.getByRole("link", { name: "Súdwest-Fryslân", exact: true })).toBeVisible();
  // keyboard: down to the first suggestion, Enter opens it
  await box.focus();
  await box.press("ArrowDown");
  await expect(page.getByRole("option", { selected: true })).toContainText("Súdwest-Fryslân");
  await box.press("Enter");
  await expect(page).toHaveURL(/\/gemeente\/GM1900/);
  await checkA11y(page, "gemeente-after-search");
});

test("the search page passes axe, also typo-tolerant and shareable", async ({ page }) => {
  await page.goto("/?q=utreht");
  await expect(page.getByTestId("search-results").getByRole("link", { name: "Utrecht", exact: true }).first()).toBeVisible();
  await checkA11y(page, "search");
});

test("people are found only when signed in", async ({ page }) => {
  await signIn(page, "viewer");
  await page.goto("/");
  await expect(page.getByText(/lezer/)).toBeVisible();
});

test("GraphiQL is served by the service itself at /graphiql and answers", async ({ page }) => {
  await page.goto("/graphiql");
  await expect(page.locator(".graphiql-container")).toBeVisible();
  await page.getByRole("button", { name: /execute query/i }).click();
  await expect(page.locator(".result-window")).toContainText("Utrecht", { timeout: 30_000 });
});
