#!/usr/bin/env bash
# Usage: scripts/without-test-tools.sh COMMAND... — run COMMAND as on a machine that has the
# build packages but none of the test tooling (scripts/setup.sh --list-test), even on a machine
# that has it installed: in a private mount namespace, the files through which a build or a
# script would find a test-only package (pkg-config and CMake files, headers, programs, Python packages)
# are hidden behind an empty file that is not executable, or a Python package whose import fails. A package that the build packages depend on
# (binutils, for gcc) is not test-only and stays. Needs root (unshare -m); .ci/run runs the
# README's main job this way, so CI on a reused machine still proves it needs no test tooling.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -gt 0 ] || { echo "usage: scripts/without-test-tools.sh COMMAND..." >&2; exit 64; }

if [ -z "${TERTIAL_HIDING_TEST_TOOLS:-}" ]; then
  [ "$(id -u)" -eq 0 ] || { echo "scripts/without-test-tools.sh: needs root (unshare -m, mount --bind)" >&2; exit 1; }
  export TERTIAL_HIDING_TEST_TOOLS=1
  exec unshare -m --propagation private bash "$0" "$@"
fi

# what the build packages pull in is not test tooling
mapfile -t base < <(bash scripts/setup.sh --list-base)
declare -A needed=()
while read -r p; do
  needed[$p]=1
done < <(apt-cache depends --recurse --installed --no-recommends --no-suggests --no-conflicts \
  --no-breaks --no-replaces --no-enhances "${base[@]}" 2>/dev/null | grep -v '^ ' | sed 's/:.*//')

hide=$(mktemp -d)
mkdir "$hide/package"
echo 'raise ImportError("hidden by scripts/without-test-tools.sh: test tooling")' >"$hide/package/__init__.py"
: >"$hide/file"
chmod 0644 "$hide/file"
hidden=0
hidden_pkgs=()
while read -r pkg; do
  [ -z "${needed[$pkg]:-}" ] || continue
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || continue
  hidden_pkgs+=("$pkg")
  while read -r f; do
    case $f in
      */dist-packages/*/*) continue ;;                       # inside a package hidden below
      */dist-packages/*)                                     # a Python package or module
        if [ -d "$f" ] && [ ! -L "$f" ]; then mount --bind "$hide/package" "$f"
        elif [ -e "$f" ]; then mount --bind "$hide/file" "$f"
        else continue; fi ;;
      *.pc | */include/* | */bin/* | */sbin/* | */cmake/*)
        if [ -e "$f" ] && [ ! -d "$f" ]; then mount --bind "$hide/file" "$f"; else continue; fi ;;
      *) continue ;;
    esac
    hidden=$((hidden + 1))
  done < <(dpkg -L "$pkg")
done < <(bash scripts/setup.sh --list-test)
echo "without-test-tools: hid $hidden files of ${hidden_pkgs[*]:-no package} (test tooling); running: $*"
exec "$@"
