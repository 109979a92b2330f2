#!/bin/sh
# Test: run doxygen on the public headers and fail when it warns (an undocumented declaration,
# a broken link or markup), printing the warnings.
#   check_doxygen.sh DOXYGEN DOXYFILE
set -eu
doxygen=$1
doxyfile=$2
log=$(sed -n 's/^WARN_LOGFILE *= *//p' "$doxyfile")
rm -f "$log"
"$doxygen" "$doxyfile"
if [ -s "$log" ]; then
  echo "doxygen warnings ($(grep -c warning "$log") in $log):"
  cat "$log"
  exit 1
fi
echo "doxygen: no warnings"
