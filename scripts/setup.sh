#!/usr/bin/env bash
# Usage: scripts/setup.sh — install the Debian packages Tertial builds and tests with (as root, or via sudo).
set -euo pipefail
packages=(
  meson ninja-build pkg-config gcc g++ libglib2.0-dev check libsqlite3-dev sqlite3
  valgrind clang libclang-rt-14-dev python3 python3-pandas binutils
  swig python3-dev python3-pytest python3-holidays python3-openpyxl
  libxlsxwriter-dev python3-xlsxwriter locales
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update
$sudo apt-get install -y --no-install-recommends "${missing[@]}"
