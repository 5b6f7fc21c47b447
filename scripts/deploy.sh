#!/usr/bin/env bash
# `npm run push`: the built add-on into the DEVELOPMENT script (a script bound to
# a test spreadsheet), to try it in Sheets before a release:
#   dev project file check -> npm test (typecheck, lint, build, tests) -> clasp push.
# The project file is .clasp.dev.json (or $CLASP_DEV_PROJECT), kept out of git;
# .clasp.dev.example.json shows its shape. Releases to production are
# `npm run release` (scripts/release.mjs). Extra arguments go to `clasp push`.
# Not run in CI (no Google services there).
set -euo pipefail
cd "$(dirname "$0")/.."

project="${CLASP_DEV_PROJECT:-.clasp.dev.json}"
section() { printf '\n==== %s ====\n' "$*"; }

section "push: checking $project"
if [[ ! -f "$project" ]]; then
  cat >&2 <<MSG
push: $project is missing. Make one for your test spreadsheet's bound script:
  1. open the test spreadsheet, Extensions > Apps Script > Project Settings > IDs > Script ID;
  2. cp .clasp.dev.example.json $project and put the Script ID in "scriptId";
  3. npx clasp login (once).
Then run npm run push again. (docs/publishing.md has the whole set-up.)
MSG
  exit 1
fi
script_id=$(node -e '
  const fs = require("fs");
  try { process.stdout.write(String(JSON.parse(fs.readFileSync(process.argv[1], "utf8")).scriptId || "")); }
  catch (e) { console.error(process.argv[1] + " is not valid JSON: " + e.message); process.exit(1); }
' "$project")
if [[ -z "$script_id" || "$script_id" == REPLACE_* ]]; then
  echo "push: $project has no real scriptId yet (it says \"$script_id\")." >&2
  exit 1
fi
echo "scriptId: $script_id"

section "push: npm test (typecheck, lint, build, tests)"
npm test

section "push: files to push"
npx clasp -P "$project" status

section "push: clasp push"
if ! npx clasp -P "$project" push "$@"; then
  echo >&2
  echo "push: clasp push failed. Not logged in? Run: npx clasp login" >&2
  echo "      Apps Script API off? Enable it at https://script.google.com/home/usersettings" >&2
  exit 1
fi
echo "push: pushed dist/ to the development script $script_id"
