#!/usr/bin/env bash
# Usage: scripts/setup.sh [--test] — install the Debian packages Tertial builds with (as root, or
# via sudo); with --test also what the test suite uses (sanitizers, valgrind, pytest, pandas,
# openpyxl, LibreOffice for recalculating xlsx and converting docx to PDF, poppler's pdftotext,
# meson-python, venv and pip for installing the Python package (suite pip),
# a Swedish locale).
#        scripts/setup.sh --list-base | --list-test — print the build packages, or the test
# tooling's, one a line, and install nothing (scripts/without-test-tools.sh reads them).
set -euo pipefail
packages=(
  meson ninja-build pkg-config gcc g++ libglib2.0-dev zlib1g-dev libminizip-dev libsqlite3-dev
  swig python3 python3-dev
)
test_packages=(
  check valgrind clang libclang-rt-14-dev binutils sqlite3
  python3-pytest python3-pandas python3-holidays python3-openpyxl python3-xlsxwriter
  libreoffice-calc-nogui libreoffice-writer-nogui poppler-utils locales doxygen
  python3-mesonpy python3-venv python3-pip
)
case "${1:-}" in
  --list-base) printf '%s\n' "${packages[@]}"; exit 0 ;;
  --list-test) printf '%s\n' "${test_packages[@]}"; exit 0 ;;
  --test) packages+=("${test_packages[@]}") ;;
  "") ;;
  *) echo "usage: scripts/setup.sh [--test | --list-base | --list-test]" >&2; exit 64 ;;
esac
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update
  $sudo apt-get install -y --no-install-recommends "${missing[@]}"
fi
if [ "${1:-}" = "--test" ] && ! locale -a 2>/dev/null | grep -qi '^sv_SE.utf8$'; then
  # the xlsx export is tested under a Swedish LC_NUMERIC
  $sudo sed -i 's/^# *sv_SE.UTF-8 UTF-8/sv_SE.UTF-8 UTF-8/' /etc/locale.gen
  $sudo locale-gen >/dev/null
fi
