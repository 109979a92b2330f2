# shellcheck shell=sh
# Shared by bench/run.sh and bench/run_forecast.sh; sourced (POSIX sh, under set -eu), not run.
# The caller sets `here` (this folder) before sourcing it; builddir, buildtype, exe and work
# are set here for the caller.
# shellcheck disable=SC2034,SC2154

src=$(dirname "$here")
# shellcheck source=../scripts/quietly.sh
. "$src/scripts/quietly.sh"
PYTHON=${PYTHON:-/usr/bin/python3}

# bench_build BUILDDIR PROGRAM: set up BUILDDIR (release) if needed and build bench/PROGRAM in it;
# sets builddir (absolute), buildtype and exe.
bench_build() {
  builddir=$1
  case $builddir in /*) ;; *) builddir=$src/$builddir ;; esac
  if [ ! -f "$builddir/build.ninja" ]; then
    echo "== setting up $builddir (release)"
    quietly meson setup "$builddir" "$src" --buildtype=release -Dtests=disabled
  fi
  buildtype=$("$PYTHON" -c 'import json, sys
opts = json.load(open(sys.argv[1]))
print(next(o["value"] for o in opts if o["name"] == "buildtype"))' "$builddir/meson-info/intro-buildoptions.json")
  echo "== building $2 in $builddir (buildtype=$buildtype)"
  quietly ninja -C "$builddir" "bench/$2"
  [ "$buildtype" = release ] || echo "   note: buildtype is $buildtype, not release; timings may be pessimistic"
  exe=$builddir/bench/$2
}

# bench_workdir NAME: a fresh work dir in $TMPDIR (sets work), removed on exit unless KEEP=1.
bench_workdir() {
  work=$(mktemp -d "${TMPDIR:-/tmp}/$1.XXXXXX")
  trap cleanup EXIT INT TERM
}
cleanup() { [ "${KEEP:-0}" = 1 ] && echo "(work dir kept: $work)" || rm -rf "$work"; }

# tertial_runs SHOW PHASE1 PHASE2 ARG...: $REPEAT runs of "$exe" ARG... into $work/tertial.N.out,
# the first also writing the dump and the verification file (after the timed phases) and showing
# its '#' lines through `sed -n SHOW`; prints each run's times (load, PHASE1, PHASE2, total) and
# peak RSS, then the first run's `tertial units=` line.
tertial_runs() {
  show=$1 phase1=$2 phase2=$3
  shift 3
  i=1
  while [ "$i" -le "$REPEAT" ]; do
    f=$work/tertial.$i.out
    if [ "$i" = 1 ]; then
      "$exe" "$@" --dump "$work/data.bin" --verify "$work/tertial.csv" >"$f"
      grep '^#' "$f" | sed -n "$show"
    else
      "$exe" "$@" >"$f"
    fi
    printf '   run %d: load %ss %s %ss %s %ss total %ss maxrss %s kB\n' "$i" "$(kv "$f" tertial load_s)" \
      "$phase1" "$(kv "$f" tertial "${phase1}_s")" "$phase2" "$(kv "$f" tertial "${phase2}_s")" \
      "$(kv "$f" tertial total_s)" "$(kv "$f" tertial maxrss_kb)"
    i=$((i + 1))
  done
  grep '^tertial units=' "$work/tertial.1.out" | sed 's/^/   /'
}

# key=value from the last line of a file that starts with a prefix
kv() {
  v=$(grep "^$2 " "$1" | grep " $3=" | tail -n 1 | tr ' ' '\n' | sed -n "s/^$3=//p")
  [ -n "$v" ] || { echo "${0##*/}: no $3 in $1" >&2; exit 1; }
  echo "$v"
}
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# the median of a key over Tertial's runs ($work/tertial.N.out)
tmed() { for f in "$work"/tertial.*.out; do kv "$f" tertial "$1"; done | median; }
# a / b to one decimal (0 when b is not positive), and kilobytes in MB
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b > 0) ? a / b : 0 }'; }
mb() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }

# stat3 KEY PREFIX FILE...: "median min max" of a key over files (lines starting with PREFIX)
stat3() {
  key=$1 prefix=$2
  shift 2
  for f in "$@"; do kv "$f" "$prefix" "$key"; done | sort -g |
    awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; print m, v[1], v[NR] }'
}
# ratios PEERFILES TERTIALFILES KEY PEERPREFIX: "median min max" of the per-round ratios
# peer/Tertial of a key (round i: the i-th file of each list, given as "a b c" strings)
ratios() {
  pf=$1 tf=$2 key=$3 pp=$4
  set -- $tf
  for p in $pf; do
    awk -v a="$(kv "$p" "$pp" "$key")" -v b="$(kv "$1" tertial "$key")" 'BEGIN { printf "%.3f\n", (b > 0) ? a / b : 0 }'
    shift
  done | sort -g | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2;
    printf "%.1f %.1f %.1f\n", m, v[1], v[NR] }'
}
# "4.3x (4.2-4.6)" from "median min max"
xrange() { set -- $1; printf '%sx (%s-%s)' "$1" "$2" "$3"; }
# the median of "median min max", and "0.270 (0.260-0.290)"
med() { set -- $1; echo "$1"; }
rng() { set -- $1; printf '%.3f (%.3f-%.3f)' "$1" "$2" "$3"; }
