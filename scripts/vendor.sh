#!/usr/bin/env bash
# Copy the pinned front-end packages of package.json into static/vendor.
# The copies are committed: pages must work on a closed office network.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp package.json "$work/"
(cd "$work" && npm install --no-audit --no-fund --ignore-scripts --silent)
mods="$work/node_modules"
rm -rf static/vendor && mkdir -p static/vendor/htmx static/vendor/sarabun
cp "$mods/htmx.org/dist/htmx.min.js" static/vendor/htmx/
cp "$mods/htmx.org/LICENSE" static/vendor/htmx/LICENSE
for weight in 400 700; do
  for subset in thai latin; do
    cp "$mods/@fontsource/sarabun/files/sarabun-$subset-$weight-normal.woff2" static/vendor/sarabun/
  done
done
cp "$mods/@fontsource/sarabun/LICENSE" static/vendor/sarabun/LICENSE
jq -r '.dependencies | to_entries[] | "\(.key)@\(.value)"' package.json > static/vendor/VERSIONS 2>/dev/null \
  || grep -E '"(htmx.org|@fontsource/sarabun)"' package.json > static/vendor/VERSIONS
echo "Vendored into static/vendor:"; find static/vendor -type f | sort
