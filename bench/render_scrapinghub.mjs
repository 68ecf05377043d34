// Rebuilds the cleaner's development corpus: each saved page of the
// scrapinghub article-extraction-benchmark rendered to the text a reader
// gets with Select All + Copy (`document.body.innerText`), in headless
// Chromium with scripts off and the network blocked: only the saved HTML
// is served, every other request (styles, images, frames) is refused.
//
//   npm ci --prefix tests/browser
//   node bench/render_scrapinghub.mjs BENCHMARK_GIT_DIR OUT_DIR
//
// BENCHMARK_GIT_DIR is a clone (bare or not) of
// github.com/scrapinghub/article-extraction-benchmark (MIT licence); the
// pages are read from its HEAD with `git show`. OUT_DIR gets ID.txt per page
// and ground-truth.json copied beside them. Pages already rendered are kept.
// Every saved page is UTF-8 (checked), so it is served as UTF-8 whatever its
// own meta tag says (some say nothing and came out as Windows-1252).
import { createRequire } from "node:module";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { join } from "node:path";

const require = createRequire(new URL("../tests/browser/package.json", import.meta.url));
const { chromium } = require("playwright-core");

const [repo, outDir] = process.argv.slice(2);
if (!repo || !outDir) {
  console.error("usage: node bench/render_scrapinghub.mjs BENCHMARK_GIT_DIR OUT_DIR");
  process.exit(2);
}
const show = (path) =>
  execFileSync("git", ["-C", repo, "show", `HEAD:${path}`], { maxBuffer: 1 << 28 });
const truth = JSON.parse(show("ground-truth.json").toString("utf8"));
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, "ground-truth.json"), JSON.stringify(truth, null, 1));

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update"],
});
const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
let done = 0;
for (const id of Object.keys(truth).sort()) {
  const target = join(outDir, `${id}.txt`);
  if (existsSync(target)) continue;
  const html = gunzipSync(show(`html/${id}.html.gz`));
  const url = truth[id].url || `https://example.invalid/${id}`;
  const page = await context.newPage();
  await page.route("**/*", (route) =>
    route.request().url() === url.split("#")[0] && route.request().isNavigationRequest()
      ? route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html })
      : route.abort()
  );
  try {
    await page.goto(url, { waitUntil: "domcontentloaded", timeout: 30000 });
    const text = await page.evaluate(() => (document.body ? document.body.innerText : ""));
    writeFileSync(target, text);
    done += 1;
  } catch (error) {
    console.error(`${id}: ${error.message.split("\n")[0]}`);
  }
  await page.close();
}
await browser.close();
console.log(`rendered ${done} pages into ${outDir}`);
