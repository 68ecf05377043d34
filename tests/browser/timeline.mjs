// Browser test of travelling the timeline: node timeline.mjs TIMELINE_URL
// On a phone (390 x 844) the first event must start on the first screen,
// and the row of years must stay at the top while the reader scrolls; a
// year chosen there must land with its heading in view, not under the row.
// On a wide screen (1280 x 800) the years form a rail in the right column
// that stays in view, and a bar of the chart leads to its year.
// Exits 1 on failure, printing what it measured.
import { chromium } from "playwright-core";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const [url] = process.argv.slice(2);
if (!url) {
  console.error("usage: node timeline.mjs TIMELINE_URL");
  process.exit(2);
}
const profile = mkdtempSync(join(tmpdir(), "backstory-timeline-"));
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
const problems = [];
const box = (page, selector) => page.locator(selector).first().evaluate((e) => {
  const r = e.getBoundingClientRect();
  return { top: r.top, bottom: r.bottom, left: r.left, right: r.right };
});

async function phone() {
  const page = await browser.newPage();
  // No smooth scrolling: the test reads where a jump ends, not its flight.
  await page.emulateMedia({ reducedMotion: "reduce" });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(url);
  const first = await box(page, ".timeline .entry");
  console.log(`phone: first event starts at ${first.top}px`);
  if (first.top >= 844) problems.push(`on a phone the first event starts at ${first.top}px, below the first screen`);
  await page.mouse.wheel(0, 4000);
  await page.waitForTimeout(300);
  const rail = await box(page, ".year-rail");
  console.log(`phone: after scrolling, the years are at ${rail.top}..${rail.bottom}px`);
  if (Math.abs(rail.top) > 1) problems.push(`on a phone the years scrolled away (top ${rail.top}px)`);
  const links = page.locator(".year-rail a[href^='#y']");
  const last = links.nth((await links.count()) - 1);
  const target = (await last.getAttribute("href")).slice(1);
  await last.click();
  await page.waitForTimeout(800);
  const heading = await box(page, `[id="${target}"]`);
  const railNow = await box(page, ".year-rail");
  console.log(`phone: ${target} heading at ${heading.top}px, years end at ${railNow.bottom}px`);
  if (heading.top < railNow.bottom - 1 || heading.top > 844) problems.push(`on a phone ${target} landed at ${heading.top}px, hidden (years end at ${railNow.bottom}px)`);
  await page.close();
}

async function wide() {
  const page = await browser.newPage();
  await page.emulateMedia({ reducedMotion: "reduce" });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(url);
  const rail = await box(page, ".year-rail");
  const main = await box(page, ".timeline-main");
  console.log(`wide: years at x ${rail.left}..${rail.right}, events end at x ${main.right}`);
  if (rail.left < main.right) problems.push("on a wide screen the years are not in a column of their own");
  await page.mouse.wheel(0, 5000);
  await page.waitForTimeout(300);
  const after = await box(page, ".year-rail");
  console.log(`wide: after scrolling, the years are at ${after.top}px`);
  if (after.top < 0 || after.bottom > 800) problems.push(`on a wide screen the years left the screen (${after.top}..${after.bottom}px)`);
  await page.evaluate(() => window.scrollTo(0, 0));
  const bar = page.locator(".density a").nth(1);
  const target = (await bar.getAttribute("href")).slice(1);
  await bar.click();
  await page.waitForTimeout(800);
  const hash = await page.evaluate(() => location.hash);
  const heading = await box(page, `[id="${target}"]`);
  console.log(`wide: a bar led to ${hash}, heading at ${heading.top}px`);
  if (hash !== `#${target}` || heading.top < 1 || heading.top > 800) problems.push(`a bar did not lead to ${target}`);
  await page.close();
}

try {
  await phone();
  await wide();
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}
if (problems.length) {
  console.error(problems.join("\n"));
  process.exit(1);
}
