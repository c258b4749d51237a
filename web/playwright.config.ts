import { defineConfig } from "@playwright/test";

// The end-to-end tests run against the real service and the real Neo4j with the default data;
// internal/webui/explorer_test.go starts both (as `make test` does) and passes the service's URL
// and the API keys of each role in the environment. Debian's Chromium, not Playwright's download.
const baseURL = process.env.SAMENSPEL_URL;
if (!baseURL) throw new Error("SAMENSPEL_URL is not set: run the end-to-end tests with `make test` (internal/webui/explorer_test.go), or point it at a running `samenspel serve`");

export default defineConfig({
  testDir: "e2e",
  timeout: 90_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  outputDir: "test-results",
  use: {
    baseURL,
    locale: "nl-NL",
    viewport: { width: 1280, height: 900 },
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-dev-shm-usage", "--use-gl=angle", "--use-angle=swiftshader", "--enable-unsafe-swiftshader"],
    },
  },
});
