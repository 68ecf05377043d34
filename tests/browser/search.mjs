// Browser test of the site's search: node search.mjs SITE_URL NAME
// Opens the home page in headless Chromium, types NAME into the header's
// search box, and follows the first result under "People"; passes when that
// page's heading is NAME. Prints what it saw; exits 1 on failure.
import { chromium } from "playwright-core";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const [siteUrl, name] = process.argv.slice(2);
if (!siteUrl || !name) {
  console.error("usage: node search.mjs SITE_URL NAME");
  process.exit(2);
}
const profile = mkdtempSync(join(tmpdir(), "backstory-search-"));
// A fresh profile folder per run (Playwright's form of --user-data-dir).
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: "/usr/bin/chromium",
  headless: true,
  args: [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
});
let failed = null;
try {
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  await page.goto(siteUrl);
  await page.getByRole("searchbox", { name: "Search people and sources" }).fill(name);
  await page.getByRole("search").getByRole("button", { name: "Search" }).click();
  await page.waitForURL(/search\/index\.html\?q=/);
  const people = page.locator("#search-results section", { has: page.getByRole("heading", { name: "People" }) });
  const first = people.getByRole("link").first();
  await first.waitFor({ timeout: 15000 });
  const resultText = (await first.textContent()).trim();
  console.log(`first person result for "${name}": ${resultText}`);
  await first.click();
  await page.waitForLoadState();
  const heading = (await page.locator("h1").first().textContent()).trim();
  console.log(`landed on ${page.url()} with heading "${heading}"`);
  if (heading !== name) failed = `expected the heading "${name}", got "${heading}"`;
  if (errors.length) failed = `page errors: ${errors.join("; ")}`;
} catch (error) {
  failed = String(error);
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}
if (failed) {
  console.error(`FAIL: ${failed}`);
  process.exit(1);
}
console.log("ok");
