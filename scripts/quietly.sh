# Sourced by the scripts: quietly COMMAND... runs a step with its output kept in a log, and on
# failure prints that output and says which step failed, with its exit status; never hides an
# error. The log is deleted when the step succeeds.
quietly() {
  local log status
  log=$(mktemp "${TMPDIR:-/tmp}/tertial-step.XXXXXX")
  if "$@" >"$log" 2>&1; then
    rm -f "$log"
    return 0
  else
    status=$?
  fi
  cat "$log" >&2
  rm -f "$log"
  echo "error: this step failed with exit status $status: $*" >&2
  return "$status"
}
