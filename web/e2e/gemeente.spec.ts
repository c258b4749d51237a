import { test, expect, checkA11y } from "./fixtures";

test("the gemeente page of Utrecht (GM0344) lists its regions and draws its map", async ({ page }) => {
  await page.goto("/gemeente/GM0344");
  await expect(page.getByRole("heading", { level: 1, name: "Utrecht" })).toBeVisible();
  const table = page.getByRole("table", { name: /Regio's van Utrecht per indeling/ });
  await expect(table).toBeVisible();
  const rows = table.locator("tbody tr");
  expect(await rows.count()).toBeGreaterThanOrEqual(10);
  await expect(table).toContainText("Veiligheidsregio");
  // the map: the gemeente outlined among the members of the region shown
  const map = page.getByTestId("gemeente-map");
  await expect(map.locator('path[data-code="GM0344"]')).toHaveCount(1);
  expect(await map.locator("path.samenspel-map__area").count()).toBeGreaterThan(1);
  // another division on the map, kept in the URL
  await table.getByRole("button").first().click();
  await expect(page).toHaveURL(/indeling=/);
  await expect(page.getByRole("table", { name: /natuurlijk|meeste regio/i })).toBeVisible();
  await checkA11y(page, "gemeente");
});

test("the date slider goes back to 2016, and the URL holds the date", async ({ page }) => {
  await page.goto("/gemeente/GM0344");
  const slider = page.getByRole("slider");
  await slider.focus();
  await slider.press("Home");
  await expect(page).toHaveURL(/datum=2016-01-01/);
  await expect(page.getByRole("table", { name: /1 januari 2016/ })).toBeVisible();
});
