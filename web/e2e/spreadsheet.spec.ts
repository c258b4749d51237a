import { test, expect, checkA11y, signIn } from "./fixtures";
import { gql } from "./api";

// The editor's key is of gemeente Utrecht (GM0344): it imports the rows Utrecht keeps.

const header = "Beheerder,Sleutel,Titel,Doel,Thema 1,Schaal,Start,Gebied\n";

test("an editor checks a spreadsheet, imports it, imports it again and sees a bad cell named", async ({ page }) => {
  await signIn(page, "editor");
  const key = `E2E-${Date.now()}`;
  const title = `Snelfietspad uit spreadsheet ${key}`;
  await page.goto("/");
  await page.getByRole("link", { name: "Spreadsheet" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Spreadsheet" })).toBeVisible();

  const template = page.getByRole("link", { name: "lege sjabloon (.xlsx)" });
  const t = await page.request.get((await template.getAttribute("href"))!);
  expect(t.status()).toBe(200);
  expect(t.headers()["content-type"]).toContain("spreadsheetml");

  const file = page.getByLabel("Bestand");
  await file.setInputFiles({ name: "opgaven.csv", mimeType: "text/csv", buffer: Buffer.from(header + `GM0344,${key},${title},12 km snelfietspad in 2027,mobiliteit,LOKAAL,2025-01-01,GM0344\n`) });
  await page.getByRole("button", { name: "Controleren" }).click();
  const result = page.getByTestId("result");
  await expect(result).toContainText("Het bestand is in orde. Importeren doet het volgende:");
  await expect(result.getByRole("row", { name: /Opgaven/ })).toHaveText(/Opgaven\s*1\s*0\s*0/);
  const search = `query($t: String) { opgaven(filter: {titleContains: $t}) { totalCount edges { node { title themes trekker { organisation { id } } } } } }`;
  expect((await gql(page.request, search, { t: key })).opgaven.totalCount).toBe(0);
  await checkA11y(page, "spreadsheet-checked");

  await page.getByRole("button", { name: "Importeren" }).click();
  await expect(result).toContainText("Geïmporteerd.");
  await expect(result.getByRole("row", { name: /Opgaven/ })).toHaveText(/Opgaven\s*1\s*0\s*0/);
  const stored = await gql(page.request, search, { t: key });
  expect(stored.opgaven.totalCount).toBe(1);
  expect(stored.opgaven.edges[0].node.title).toBe(title);

  await page.getByRole("button", { name: "Importeren" }).click();
  await expect(result).toContainText("Niets veranderd");
  await expect(result.getByRole("row", { name: /Opgaven/ })).toHaveText(/Opgaven\s*0\s*0\s*1/);

  await file.setInputFiles({ name: "opgaven.csv", mimeType: "text/csv", buffer: Buffer.from(header + `GM0344,${key}-2,Tweede ${key},Doel,fietsen,LOKAAL,2025-01-01,GM0344\n`) });
  await page.getByRole("button", { name: "Importeren" }).click();
  const problems = page.getByTestId("problems");
  await expect(problems).toContainText("Eén probleem; er is niets opgeslagen.");
  await expect(problems.getByRole("row", { name: /fietsen/ })).toContainText(/Opgaven\s*2\s*E \(Thema 1\)\s*unknown theme "fietsen"/);
  expect((await gql(page.request, search, { t: `Tweede ${key}` })).opgaven.totalCount).toBe(0);
  await checkA11y(page, "spreadsheet-problems");

  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Register downloaden (.xlsx)" }).click();
  expect((await download).suggestedFilename()).toBe("samenspel-register.xlsx");
});

test("without signing in the page offers the template and says who may import", async ({ page }) => {
  await page.goto("/spreadsheet");
  await expect(page.getByRole("link", { name: "lege sjabloon (.xlsx)" })).toBeVisible();
  await expect(page.getByText("Importeren kunnen redacteuren en beheerders.")).toBeVisible();
  await expect(page.getByLabel("Bestand")).toHaveCount(0);
  await checkA11y(page, "spreadsheet-anonymous");
});
