import { test, expect, checkA11y } from "./fixtures";
import { gql } from "./api";

test("the region page shows its members on a map, its overlaps, and colours by another division", async ({ page }) => {
  const want = await gql(page.request, `{ region(division: "veiligheidsregio", code: "VR09") { name memberCount overlaps { region { id } } } }`);
  await page.goto("/regio/veiligheidsregio/VR09");
  await expect(page.getByRole("heading", { level: 1, name: want.region.name })).toBeVisible();
  await expect(page.getByTestId("region-members").locator("li")).toHaveCount(want.region.memberCount);
  const map = page.getByTestId("region-map");
  await expect(map.locator("path.samenspel-map__area")).toHaveCount(want.region.memberCount);
  const overlaps = page.getByRole("table", { name: /Regio's die gemeenten delen met/ });
  await expect(overlaps.locator("tbody tr")).toHaveCount(want.region.overlaps.length);
  await checkA11y(page, "region");

  await page.getByLabel("Kleur de kaart naar").selectOption("arbeidsmarktregio");
  await expect(page).toHaveURL(/kleur=arbeidsmarktregio/);
  const perRegion = page.getByRole("table", { name: /naar arbeidsmarktregio/ });
  await expect(perRegion.locator("tbody tr").first()).toBeVisible();
  // the gemeenten counted per arbeidsmarktregio add up to the region's members
  const counts = await perRegion.locator("tbody tr td:last-child").allInnerTexts();
  expect(counts.map(Number).reduce((a, b) => a + b, 0)).toBe(want.region.memberCount);
  await expect(map.getByRole("list", { name: "Legenda" }).locator("li")).toHaveCount(counts.length);
});

test("a region with more than 100 gemeenten is drawn whole (its members come in pages)", async ({ page }) => {
  const want = await gql(page.request, `{ division(key: "landsdeel") { regions { code memberCount } } }`);
  const big = want.division.regions.reduce((a: any, b: any) => (b.memberCount > a.memberCount ? b : a));
  expect(big.memberCount).toBeGreaterThan(100);
  await page.goto(`/regio/landsdeel/${big.code}`);
  await expect(page.getByTestId("region-members").locator("li")).toHaveCount(big.memberCount);
});
