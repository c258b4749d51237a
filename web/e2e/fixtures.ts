import { test as base, expect, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { mkdirSync, writeFileSync } from "node:fs";

export type Role = "viewer" | "editor" | "analyst" | "admin";

// The API keys explorer_test.go made for the run, one per role (editor and viewer of GM0344).
export function key(role: Role): string {
  const k = process.env[`SAMENSPEL_E2E_${role.toUpperCase()}_KEY`];
  if (!k) throw new Error(`SAMENSPEL_E2E_${role.toUpperCase()}_KEY is not set (explorer_test.go sets it)`);
  return k;
}

// test is Playwright's test with two guards on every page: no request may leave the service (only
// its own origin, data: and blob: URLs), and no page may log a JavaScript error.
export const test = base.extend<{ outside: string[]; pageErrors: string[] }>({
  outside: [async ({ page, baseURL }, use) => {
    const origin = new URL(baseURL!).origin;
    const outside: string[] = [];
    page.on("request", (r) => {
      const u = r.url();
      if (u.startsWith("data:") || u.startsWith("blob:")) return;
      if (new URL(u).origin !== origin) outside.push(u);
    });
    await use(outside);
    expect(outside, "requests that left the service").toEqual([]);
  }, { auto: true }],
  pageErrors: [async ({ page }, use) => {
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await use(errors);
    expect(errors, "JavaScript errors on the page").toEqual([]);
  }, { auto: true }],
});
export { expect };

// signIn makes the page's tab signed in with a role's key before any page script runs (as the
// sign-in page leaves it: the key in sessionStorage).
export async function signIn(page: Page, role: Role) {
  const k = key(role);
  await page.addInitScript((k) => sessionStorage.setItem("samenspel.credential", k), k);
}

// checkA11y runs axe-core (WCAG 2.0/2.1 A and AA rules) on the page as it is and fails on any
// serious or critical violation; every result is written to test-results/axe/<name>.json for the
// report (make test prints a summary).
export async function checkA11y(page: Page, name: string) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const counts: Record<string, number> = {};
  for (const v of results.violations) counts[v.impact ?? "unknown"] = (counts[v.impact ?? "unknown"] ?? 0) + v.nodes.length;
  mkdirSync("test-results/axe", { recursive: true });
  writeFileSync(`test-results/axe/${name}.json`, JSON.stringify({ page: name, url: page.url(), passes: results.passes.length, violations: results.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, help: v.help })), counts }, null, 2));
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join("; ")}`), `axe: serious or critical violations on ${name}`).toEqual([]);
}

