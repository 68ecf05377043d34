// Renders a second development corpus, CleanPortalEval
// (github.com/ppke-nlpg/CleanPortalEval: 71 pages of four news sites, each
// with a hand-cleaned gold text in the CleanEval format), to the text a
// reader gets with Select All + Copy, the way bench/render_scrapinghub.mjs
// renders the first: headless Chromium, `document.body.innerText`, scripts
// off, every request but the saved page refused.
//
//   npm ci --prefix tests/browser
//   node bench/render_cleanportaleval.mjs CLEANPORTALEVAL_GIT_DIR OUT_DIR
//   python3 bench/clean_eval.py --texts OUT_DIR --meta none
//
// OUT_DIR gets ID.txt per page and a ground-truth.json whose `articleBody`
// is the gold text without its CleanEval markup (the URL line and the
// <p>, <h>, <l> block tags), so bench/clean_eval.py scores it as it scores
// the scrapinghub pages. The corpus states no licence: the texts stay
// outside the repository.
import { createRequire } from "node:module";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const require = createRequire(new URL("../tests/browser/package.json", import.meta.url));
const { chromium } = require("playwright-core");

const [repo, outDir] = process.argv.slice(2);
if (!repo || !outDir) {
  console.error("usage: node bench/render_cleanportaleval.mjs CLEANPORTALEVAL_GIT_DIR OUT_DIR");
  process.exit(2);
}
const git = (...args) => execFileSync("git", ["-C", repo, ...args], { maxBuffer: 1 << 28 });
const files = git("ls-tree", "-r", "--name-only", "HEAD", "input/")
  .toString("utf8")
  .split("\n")
  .filter((path) => path.endsWith(".html"));

// The gold text without the CleanEval markup: "URL: ..." first, then
// blocks opened by <p>, <h> or <l>, hard-wrapped.
const goldBody = (gold) =>
  gold
    .replace(/^\s*URL:.*$/m, "")
    .split(/<[phl]>/i)
    .map((block) => block.replace(/\s+/g, " ").trim())
    .filter(Boolean)
    .map((block) => block.replace(/&#0?39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, "&"))
    .join("\n");

mkdirSync(outDir, { recursive: true });
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update"],
});
const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
const truth = {};
for (const path of files.sort()) {
  const name = path.replace(/^input\//, "").replace(/\.html$/, "");
  // A source's address is its file name; dots and underscores would be rewritten.
  const id = name.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  const raw = git("show", `HEAD:${path}`).toString("utf8");
  const gold = git("show", `HEAD:GoldStandard/${name}.txt`).toString("utf8");
  const url = (raw.match(/<text id="([^"]+)"/) || [])[1] || `https://example.invalid/${id}`;
  truth[id] = { url, articleBody: goldBody(gold) };
  const target = join(outDir, `${id}.txt`);
  if (existsSync(target)) continue;
  // The saved page is wrapped in a CleanEval <text id="URL"> element.
  const html = raw.replace(/^\s*<text id="[^"]*">/, "").replace(/<\/text>\s*$/, "");
  const page = await context.newPage();
  await page.route("**/*", (route) =>
    route.request().url() === url.split("#")[0] && route.request().isNavigationRequest()
      ? route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html })
      : route.abort()
  );
  try {
    await page.goto(url, { waitUntil: "domcontentloaded", timeout: 30000 });
    writeFileSync(target, await page.evaluate(() => (document.body ? document.body.innerText : "")));
  } catch (error) {
    console.error(`${id}: ${error.message.split("\n")[0]}`);
  }
  await page.close();
}
writeFileSync(join(outDir, "ground-truth.json"), JSON.stringify(truth, null, 1));
await browser.close();
console.log(`rendered ${Object.keys(truth).length} pages into ${outDir}`);
