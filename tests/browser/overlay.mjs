// The preview's error overlay in a real browser: node overlay.mjs PAGE_URL FILE BROKEN
// Opens PAGE_URL (served by `backstory serve`), writes BROKEN into FILE so
// that the build fails, waits for the error overlay, dismisses it with its
// button, checks the page is readable again, then restores FILE and checks
// the overlay stays away. Exits 1 on failure.
import { chromium } from "playwright-core";
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const [pageUrl, file, broken] = process.argv.slice(2);
if (!pageUrl || !file || broken === undefined) {
  console.error("usage: node overlay.mjs PAGE_URL FILE BROKEN");
  process.exit(2);
}
const original = readFileSync(file, "utf8");
const profile = mkdtempSync(join(tmpdir(), "backstory-overlay-"));
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
let failed = null;
try {
  const page = await browser.newPage();
  await page.goto(pageUrl, { waitUntil: "load" });
  await page.waitForFunction(() => window.backstoryLive === true, null, { timeout: 15000 });
  writeFileSync(file, broken);
  const overlay = page.locator("#backstory-overlay");
  await overlay.waitFor({ state: "visible", timeout: 20000 });
  console.log(`overlay: ${(await overlay.locator("h2").textContent()).trim()}`);
  const dismiss = overlay.getByRole("button", { name: "Dismiss" });
  if (!(await dismiss.evaluate((button) => button === document.activeElement))) {
    failed = "the Dismiss button does not have the focus";
  }
  await dismiss.click();
  await overlay.waitFor({ state: "detached", timeout: 5000 });
  console.log("dismissed");
  const heading = await page.locator("h1").first().isVisible();
  if (!heading) failed = "the page is not visible after dismissing";
  writeFileSync(file, original);
  await page.waitForTimeout(3000);
  if (await overlay.count()) failed = "the overlay came back after the fix";
} catch (error) {
  failed = String(error);
} finally {
  writeFileSync(file, original);
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}
if (failed) {
  console.error(`FAIL: ${failed}`);
  process.exit(1);
}
console.log("ok");
