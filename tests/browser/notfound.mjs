// Browser test of the 404 page as hosts serve it: node notfound.mjs MISSING_URL HOME_URL
// Opens MISSING_URL (an address with no page, at any depth), which the host
// answers with the site's 404.html, and checks that the page is styled (its
// stylesheet loaded from the right place), that every file it asks for
// loads, that the logo keeps a small size even with the stylesheet blocked,
// and that its "home page" link leads to HOME_URL. Exits 1 on failure.
import { chromium } from "playwright-core";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const [missingUrl, homeUrl] = process.argv.slice(2);
if (!missingUrl || !homeUrl) {
  console.error("usage: node notfound.mjs MISSING_URL HOME_URL");
  process.exit(2);
}
const profile = mkdtempSync(join(tmpdir(), "backstory-404-"));
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
const problems = [];
try {
  const page = await browser.newPage();
  const failedFiles = [];
  page.on("response", (response) => {
    if (response.url() !== missingUrl && response.status() >= 400) failedFiles.push(`${response.status()} ${response.url()}`);
  });
  page.on("requestfailed", (request) => failedFiles.push(`failed ${request.url()}`));
  const response = await page.goto(missingUrl);
  console.log(`${missingUrl} answered ${response.status()}`);
  if (response.status() !== 404) problems.push(`expected status 404, got ${response.status()}`);
  await page.waitForLoadState("networkidle");
  const heading = (await page.locator("h1").first().textContent()).trim();
  console.log(`heading "${heading}"`);
  if (heading !== "Page not found") problems.push(`heading is "${heading}"`);
  const styled = await page.evaluate(() =>
    [...document.styleSheets].some((sheet) => sheet.href && sheet.href.endsWith("/assets/style.css") && sheet.cssRules.length > 0));
  console.log(`stylesheet applied: ${styled}`);
  if (!styled) problems.push("the stylesheet did not load");
  if (failedFiles.length) problems.push(`files that did not load: ${failedFiles.join(", ")}`);

  // Unstyled (a host that fails to serve the stylesheet), the logo must not fill the screen.
  const bare = await browser.newPage();
  await bare.route("**/*.css", (route) => route.abort());
  await bare.goto(missingUrl);
  const logo = await bare.locator(".brand-mark").boundingBox();
  console.log(`logo without the stylesheet: ${logo.width}x${logo.height}`);
  if (logo.width > 64 || logo.height > 64) problems.push(`the unstyled logo is ${logo.width}x${logo.height}`);

  await page.getByRole("link", { name: "home page" }).click();
  await page.waitForLoadState();
  console.log(`home page link led to ${page.url()}`);
  if (page.url() !== homeUrl) problems.push(`the home page link led to ${page.url()}, not ${homeUrl}`);
} catch (error) {
  problems.push(String(error));
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}
if (problems.length) {
  console.error(`FAIL: ${problems.join("; ")}`);
  process.exit(1);
}
console.log("ok");
