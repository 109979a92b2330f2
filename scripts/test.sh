#!/usr/bin/env bash
# Usage: ./scripts/test.sh — build and run every test: build-test (all suites), build-asan (suite 'unit' under ASan+UBSan), then suite 'unit' under valgrind. Exits non-zero if anything fails.
set -euo pipefail
cd "$(dirname "$0")/.."

# the packages the tests use (quick when they are installed)
bash scripts/setup.sh --test

failed=()

# configure DIR [meson options...]: set up a build directory, or reconfigure an existing one.
configure() {
  local dir=$1
  shift
  if [ -f "$dir/meson-private/coredata.dat" ]; then
    meson setup --reconfigure "$dir" "$@"
  else
    meson setup "$dir" "$@"
  fi
}

# step NAME COMMAND...: run a step, remember it if it fails, carry on with the others.
step() {
  local name=$1
  shift
  echo
  echo "==> $name: $*"
  if "$@"; then
    return 0
  fi
  echo "==> $name: FAILED"
  failed+=("$name")
  return 1
}

# require_unit_suite DIR: `meson test --suite unit` passes silently when no test is in the
# suite, so make sure the module tests are there.
require_unit_suite() {
  meson introspect --tests "$1" | /usr/bin/python3 -c '
import json, sys
tests = [t["name"] for t in json.load(sys.stdin) if any(s.split(":")[-1] == "unit" for s in t["suite"])]
print("suite unit:", " ".join(tests) or "(empty)")
sys.exit(0 if tests else "no test is in suite unit: tests/meson.build must register the module tests with suite : '"'unit'"'")
'
}

built_test=no
if step "configure build-test" configure build-test -Dtests=enabled -Dwerror=true &&
  step "build build-test" meson compile -C build-test; then
  built_test=yes
  step "test build-test" meson test -C build-test --no-rebuild --print-errorlogs || true
fi

if step "configure build-asan" configure build-asan -Dtests=enabled -Db_sanitize=address,undefined \
  -Db_lundef=false -Dwerror=true &&
  step "build build-asan" meson compile -C build-asan &&
  step "suite unit in build-asan" require_unit_suite build-asan; then
  step "asan+ubsan build-asan" env ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    meson test -C build-asan --no-rebuild --print-errorlogs --suite unit || true
fi

if [ "$built_test" = yes ]; then
  if ! command -v valgrind >/dev/null; then
    echo "valgrind is not installed (apt-get install valgrind)"
    failed+=("valgrind missing")
  elif step "suite unit in build-test" require_unit_suite build-test; then
    step "valgrind build-test" meson test -C build-test --no-rebuild --print-errorlogs \
      --setup valgrind --suite unit || true
  fi
fi

echo
if [ ${#failed[@]} -gt 0 ]; then
  printf '==> FAILED: %s\n' "${failed[@]}"
  exit 1
fi
echo "==> all tests passed (build-test, build-asan, valgrind)"
