// Screenshots of the explorer for the README: node web/scripts/screenshots.mjs against a running
// service (SAMENSPEL_URL, default http://localhost:8080) with the default data and the demo set,
// written to docs/screenshots/. Uses Debian's Chromium (CHROMIUM_PATH, default /usr/bin/chromium).
import { chromium } from "@playwright/test";
import { mkdirSync } from "node:fs";

const base = process.env.SAMENSPEL_URL ?? "http://localhost:8080";
const out = process.argv[2] ?? "../docs/screenshots";
const key = process.env.SAMENSPEL_KEY; // optional: a key to sign in with (the trust page needs an analyst's or an admin's)
const shots = (process.env.SHOTS ?? "").split(",").filter(Boolean);
const pages = [
  ["gemeente", "/gemeente/GM0344"],
  ["regio", "/regio/veiligheidsregio/VR09?kleur=arbeidsmarktregio"],
  ["vergelijk", "/vergelijk?a=arbeidsmarktregio&b=ggd_regio"],
  ["opgave", "/opgave/demo-opgave-000052"],
  ["netwerk", "/netwerk"],
  ["vertrouwen", "/vertrouwen"], // needs SAMENSPEL_KEY of an analyst or admin
].filter(([n]) => shots.length === 0 || shots.includes(n));

mkdirSync(out, { recursive: true });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--use-angle=swiftshader", "--enable-unsafe-swiftshader"] });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
if (key) await page.addInitScript((k) => sessionStorage.setItem("samenspel.credential", k), key);
for (const [name, path] of pages) {
  await page.goto(base + path);
  await page.waitForLoadState("networkidle");
  await page.waitForTimeout(name === "netwerk" || name === "vertrouwen" ? 6000 : 1500); // the layout settles
  await page.screenshot({ path: `${out}/${name}.png` });
  console.log(`${out}/${name}.png`);
}
await browser.close();
