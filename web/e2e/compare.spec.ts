import { test, expect, checkA11y } from "./fixtures";
import { gql } from "./api";

test("the compare page of veiligheidsregio and politie-eenheid shows score 1", async ({ page }) => {
  await page.goto("/vergelijk?a=veiligheidsregio&b=politie_eenheid");
  await expect(page.getByTestId("congruence-score")).toHaveText("1");
  await expect(page.getByText(/Elke regio van veiligheidsregio's ligt helemaal binnen één regio/)).toBeVisible();
  await expect(page.getByText(/Nergens kruisen de grenzen/)).toBeVisible();
  const want = await gql(page.request, `{ divisionCongruence(a: "veiligheidsregio", b: "politie_eenheid") { pairs { shared } } }`);
  const cells = page.getByTestId("compare-heatmap").locator("rect.samenspel-heatmap__cell");
  await expect(cells).toHaveCount(want.divisionCongruence.pairs.length);
  // every gemeente of the 25 veiligheidsregio's is on the map, none marked as split
  const map = page.getByTestId("compare-map");
  await expect(map.locator("path.samenspel-map__area").first()).toBeVisible();
  expect(await map.locator("path.samenspel-map__area").count()).toBeGreaterThan(300);
  await checkA11y(page, "compare");
});

test("two divisions that cut across each other: the score, split regions and border conflicts match the API", async ({ page }) => {
  await page.goto("/vergelijk");
  await page.getByLabel("Indeling A").selectOption("arbeidsmarktregio");
  await page.getByLabel("Indeling B").selectOption("ggd_regio");
  await expect(page).toHaveURL(/a=arbeidsmarktregio/);
  await expect(page).toHaveURL(/b=ggd_regio/);
  const want = await gql(page.request, `{ c: divisionCongruence(a: "arbeidsmarktregio", b: "ggd_regio") { score splitA { id } splitB { id } }
    bc: borderConflicts(divisions: ["arbeidsmarktregio", "ggd_regio"], first: 100) { organisation { id } } }`);
  expect(want.c.score).toBeLessThan(1);
  await expect(page.getByTestId("congruence-score")).toHaveText(want.c.score.toLocaleString("nl-NL", { maximumFractionDigits: 2 }));
  await expect(page.getByTestId("split-a").locator("li")).toHaveCount(want.c.splitA.length);
  await expect(page.getByTestId("split-b").locator("li")).toHaveCount(want.c.splitB.length);
  await expect(page.getByTestId("conflicts").locator("li")).toHaveCount(want.bc.length);
  await expect(page.getByTestId("compare-map").locator("path.samenspel-map__outline")).toHaveCount(want.bc.length);
  await checkA11y(page, "compare-crossing");
});
