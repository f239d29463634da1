#!/usr/bin/env bash
# Builds GOV.UK Frontend for Parent Charter into static files. Run from the repository root.
# Outputs are git-ignored: parent_charter/static/{build,govuk}/ and tests/browser/vendor-build/.
set -euo pipefail

cd "$(dirname "$0")/.."
start=$(date +%s)

# npm writes node_modules/.package-lock.json on every install, so it is older than
# package-lock.json exactly when the lock file has changed since the last install.
if [[ ! -d node_modules/govuk-frontend || package-lock.json -nt node_modules/.package-lock.json ]]; then
  # --ignore-scripts: only sass's optional file watcher has an install script, and the
  # build never watches.
  npm ci --no-audit --no-fund --ignore-scripts --loglevel=error >/dev/null
fi

static=parent_charter/static
govuk=node_modules/govuk-frontend/dist/govuk
mkdir -p "$static/build" "$static/govuk" tests/browser/vendor-build

node_modules/.bin/sass --style=compressed --no-source-map --load-path=node_modules \
  frontend/scss/application.scss "$static/build/application.css"

# Every font and image GOV.UK Frontend ships is GOV.UK branding (GDS Transport, the crown,
# crest and GOV.UK icons), and the manifest only lists those icons: councils keep none.
rm -rf "$static/govuk/assets"
cp -R "$govuk/assets" "$static/govuk/assets"
rm -rf "$static/govuk/assets/fonts" "$static/govuk/assets/manifest.json"
rm -f "$static/govuk/assets/images/"favicon.* "$static/govuk/assets/images/"govuk-*
# The stylesheet still names the crest for the footer's copyright logo, which our pages never
# use. An empty image of our own stands in its place, so that collectstatic's manifest (which
# checks every file a stylesheet names) succeeds and no GOV.UK branding is shipped.
printf '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>\n' \
  > "$static/govuk/assets/images/govuk-crest.svg"

cp "$govuk/govuk-frontend.min.js" "$static/govuk/govuk-frontend.min.js"
cp frontend/js/application.mjs "$static/build/application.mjs"
cp node_modules/axe-core/axe.min.js tests/browser/vendor-build/axe.min.js

if grep -q "GDS Transport" "$static/build/application.css"; then
  echo "build-frontend: application.css mentions GDS Transport; check frontend/scss settings" >&2
  exit 1
fi

css_kb=$(( $(wc -c < "$static/build/application.css") / 1024 ))
echo "build-frontend: govuk-frontend $(node -p 'require("./node_modules/govuk-frontend/package.json").version'), application.css ${css_kb} KB, $(( $(date +%s) - start )) s"
