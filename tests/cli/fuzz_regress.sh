#!/usr/bin/env bash
# Replays the inputs the fuzzers found (tests/data/fuzz-regress/) and the
# hostile seeds (tests/data/fuzz-seeds/) through `diplograph build`, each
# alone and all at once: no crash, no hang, no sanitizer report (exit 0 or
# 1 only), messages one line each, and whatever is written parses.
# usage: bash tests/cli/fuzz_regress.sh PATH_TO_diplograph REPO_ROOT
source "$(dirname "$0")/lib/dgtest.sh"
source "$(dirname "$0")/lib/robusthelp.sh"
n=0
for f in "$ROOT"/tests/data/fuzz-regress/* "$ROOT"/tests/data/fuzz-seeds/*; do
  case "$f" in *.txt | *.html | *.htm | *.xml) ;; *) continue ;; esac
  n=$((n + 1))
  out="$T/out$n"
  rc=0
  timeout 300 "$DG" build --no-dot -o "$out" "$f" >"$T/stdout" 2>"$T/stderr" || rc=$?
  [ $rc -le 1 ] || { cat "$T/stderr" >&2; fail "$(basename "$f"): exit $rc (crash, hang or sanitizer)"; }
  one_line_messages
  if [ $rc = 0 ]; then outputs_parse "$out"; fi
done
[ $n -ge 5 ] || fail "only $n inputs found"
ok "$n inputs, each alone: exit 0 or 1, one-line messages, outputs parse"
rc=0
timeout 300 "$DG" build --no-dot -o "$T/all" "$ROOT"/tests/data/fuzz-regress "$ROOT"/tests/data/fuzz-seeds \
  >"$T/stdout" 2>"$T/stderr" || rc=$?
[ $rc -le 1 ] || { cat "$T/stderr" >&2; fail "all at once: exit $rc"; }
one_line_messages
outputs_parse "$T/all"
ok "all at once: exit $rc, outputs parse"
echo "$NCHECKS checks passed"
