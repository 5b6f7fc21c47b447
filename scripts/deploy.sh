#!/usr/bin/env bash
# Gated deploy to the Apps Script project named in .clasp.json:
#   scriptId check -> npm test (typecheck, build into dist/, vitest) -> clasp push.
# Extra arguments go to `clasp push`, e.g. `npm run push -- --force` to overwrite
# a changed manifest without the prompt. Not run in CI.
set -euo pipefail
cd "$(dirname "$0")/.."

section() { printf '\n==== %s ====\n' "$*"; }

section "deploy: checking .clasp.json"
script_id=$(node -e '
  const fs = require("fs");
  let c;
  try { c = JSON.parse(fs.readFileSync(".clasp.json", "utf8")); }
  catch (e) { console.error(".clasp.json is missing or not valid JSON: " + e.message); process.exit(1); }
  process.stdout.write(String(c.scriptId || ""));
')
if [[ -z "$script_id" || "$script_id" == "REPLACE_WITH_YOUR_SCRIPT_ID" ]]; then
  cat >&2 <<'MSG'
deploy: .clasp.json has no real scriptId yet (it still says REPLACE_WITH_YOUR_SCRIPT_ID).

Get one in either way:
  a) a new spreadsheet with its bound script (clasp create refuses to run
     while .clasp.json exists, and writes a new one with the scriptId):
       npx clasp login
       mv .clasp.json .clasp.json.template
       npx clasp create --type sheets --title "Repeat sales" --rootDir dist
       rm .clasp.json.template
  b) an existing spreadsheet: open it, Extensions > Apps Script >
     Project Settings (gear icon) > IDs > Script ID; paste it into
     .clasp.json as "scriptId", and run `npx clasp login` once.
Then run `npm run push` again.
MSG
  exit 1
fi
echo "scriptId: $script_id"

section "deploy: npm test (typecheck, build, tests)"
npm test

section "deploy: files to push"
npx clasp status

section "deploy: clasp push"
if ! npx clasp push "$@"; then
  echo >&2
  echo "deploy: clasp push failed. Not logged in? Run: npx clasp login" >&2
  echo "        Apps Script API off? Enable it at https://script.google.com/home/usersettings" >&2
  exit 1
fi
echo "deploy: pushed dist/ to script $script_id"
