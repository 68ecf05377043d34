// Live reload in a real browser: opens PAGE, edits SOURCE so that it contains
// MARKER, and waits for the open page to show MARKER without any manual refresh.
// Usage: node reload.mjs PAGE_URL SOURCE_FILE SEARCH REPLACEMENT MARKER
import { chromium } from "playwright-core";
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const [page_url, source, search, replacement, marker] = process.argv.slice(2);
const profile = mkdtempSync(join(tmpdir(), "backstory-reload-"));
// A fresh profile each run, given the way playwright wants it.
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: "/usr/bin/chromium",
  headless: true,
  viewport: { width: 800, height: 600 },
  args: [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
});
try {
  const page = await browser.newPage();
  await page.goto(page_url, { waitUntil: "load" });
  if (await page.content().then((html) => html.includes(marker))) {
    throw new Error("the marker is on the page before the edit");
  }
  // Wait until the page is listening for builds, then scroll away from the top.
  await page.waitForFunction(() => window.backstoryLive === true, null, { timeout: 30000 });
  await page.evaluate(() => window.scrollTo(0, 400));
  const scrolled = await page.evaluate(() => window.scrollY);
  let navigations = 0;
  page.on("framenavigated", (frame) => { if (frame === page.mainFrame()) navigations += 1; });
  const text = readFileSync(source, "utf8");
  if (!text.includes(search)) throw new Error(`${source} does not contain ${search}`);
  writeFileSync(source, text.replace(search, replacement));
  await page.waitForFunction((m) => document.body && document.body.innerText.includes(m),
    marker, { timeout: 60000, polling: 100 });
  if (navigations < 1) throw new Error("the change appeared without a reload");
  await page.waitForFunction((y) => Math.abs(window.scrollY - y) < 2, scrolled, { timeout: 10000 });
  console.log(`reloaded with the change; scroll kept at ${scrolled}px`);
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}
