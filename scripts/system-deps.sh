#!/usr/bin/env bash
# Install the Debian packages Thanrak needs when they are missing:
#   pdf    Thai fonts and HarfBuzz subsetting for WeasyPrint
#   browser  chromium for the browser tests
#   tools  gettext (compiled translations), poppler-utils (PDF checks)
# Without root or sudo it stops and prints the exact command to run.
set -euo pipefail
packages=()
need() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed" || packages+=("$1"); }
for group in "$@"; do
  case "$group" in
    pdf) need fonts-thai-tlwg; need libharfbuzz-subset0; need libpango-1.0-0; need libpangoft2-1.0-0 ;;
    browser) need chromium ;;
    tools) need gettext; need poppler-utils ;;
    *) echo "unknown group: $group" >&2; exit 2 ;;
  esac
done
[ ${#packages[@]} -eq 0 ] && exit 0
command="apt-get update && apt-get install -y --no-install-recommends ${packages[*]}"
if [ "$(id -u)" -eq 0 ]; then
  sudo=""
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  sudo="sudo"
else
  echo "Thanrak needs these Debian packages: ${packages[*]}" >&2
  echo "Run as root:  $command" >&2
  exit 1
fi
echo "Installing Debian packages: ${packages[*]}"
$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
