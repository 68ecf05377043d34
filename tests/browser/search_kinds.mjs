// Browser test of what search finds: node search_kinds.mjs SEARCH_URL QUERY GROUP HREF_PART
// Opens the search page with ?q=QUERY in headless Chromium and passes when
// the results under the heading GROUP ("People", "Timeline", ...) hold a
// link whose address contains HREF_PART. Prints every result it saw.
import { chromium } from "playwright-core";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const [searchUrl, query, group, hrefPart] = process.argv.slice(2);
if (!searchUrl || !query || !group || !hrefPart) {
  console.error("usage: node search_kinds.mjs SEARCH_URL QUERY GROUP HREF_PART");
  process.exit(2);
}
const profile = mkdtempSync(join(tmpdir(), "backstory-search-kinds-"));
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run"],
});
let failed = null;
try {
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  const url = new URL(searchUrl);
  url.searchParams.set("q", query);
  await page.goto(url.href);
  await page.waitForFunction(() => {
    const status = document.getElementById("search-status");
    return status && /result|Nothing found|could not/.test(status.textContent);
  }, null, { timeout: 20000 });
  console.log(`status: ${await page.locator("#search-status").textContent()}`);
  const sections = page.locator("#search-results section");
  const found = [];
  for (let s = 0; s < await sections.count(); s++) {
    const heading = (await sections.nth(s).locator("h2").textContent()).trim();
    const links = sections.nth(s).getByRole("link");
    for (let l = 0; l < await links.count(); l++) {
      const href = await links.nth(l).getAttribute("href");
      console.log(`${heading}: ${(await links.nth(l).textContent()).trim()} -> ${href}`);
      found.push({ heading, href });
    }
  }
  const hit = found.find((f) => f.heading === group && f.href.includes(hrefPart));
  if (!hit) failed = `no result under "${group}" links to ${hrefPart}`;
  else {
    // The link must open: its page answers and names the anchor it points at.
    const response = await page.goto(new URL(hit.href, page.url()).href);
    if (!response || !response.ok()) failed = `${hit.href} does not open`;
    const anchor = new URL(hit.href, page.url()).hash.slice(1);
    if (!failed && anchor && !(await page.locator(`[id="${anchor}"]`).count()))
      failed = `${hit.href} has no element with id ${anchor}`;
  }
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
