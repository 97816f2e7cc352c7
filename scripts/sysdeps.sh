#!/usr/bin/env bash
# Installs the Debian packages kinerja needs when they are missing and we are root; otherwise
# names them. `run`: WeasyPrint's libraries and a font. `test`: also chromium, pdftoppm, gettext, the
# PostgreSQL client and LibreOffice's Writer (the DOCX exports laid out as Word would; about 15 s to install).
set -euo pipefail
need=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core)
if [ "${1:-run}" = "test" ]; then
  need+=(chromium poppler-utils gettext postgresql-client libreoffice-writer-nogui)
fi
missing=()
for p in "${need[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "kinerja needs these Debian packages; ask an administrator to run:" >&2
  echo "  sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "Installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
