#!/usr/bin/env bash
# `diplograph build corpus` under valgrind memcheck: no memory error and no
# definite leak (valgrind exits 99 on either), and the build itself succeeds.
# Skipped (exit 0, with a message) in the ASan run of scripts/test
# (DG_SANITIZED=1): valgrind cannot run a binary built with AddressSanitizer.
# usage: bash tests/cli/valgrind_corpus.sh PATH_TO_diplograph REPO_ROOT
source "$(dirname "$0")/lib/dgtest.sh"
if [ -n "${DG_SANITIZED:-}" ]; then
  echo "skipped: DG_SANITIZED=1 (an ASan build cannot run under valgrind)"
  exit 0
fi
command -v valgrind >/dev/null || fail "valgrind not installed (Debian valgrind)"
rc=0
valgrind --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
  --show-leak-kinds=definite --num-callers=30 --log-file="$T/valgrind.log" \
  "$DG" build -q -o "$T/out" "$ROOT/corpus" >"$T/stdout" 2>"$T/stderr" || rc=$?
if [ $rc != 0 ]; then
  cat "$T/stderr" "$T/valgrind.log" >&2
  fail "valgrind diplograph build corpus: exit $rc (99: memory errors or definite leaks)"
fi
grep -q "ERROR SUMMARY: 0 errors" "$T/valgrind.log" || { cat "$T/valgrind.log" >&2; fail "valgrind reports errors"; }
[ -s "$T/out/graph.nq" ] || fail "the build under valgrind wrote no graph.nq"
ok "valgrind: no memory errors, no definite leaks; $(grep -o 'total heap usage: .*' "$T/valgrind.log")"
echo "$NCHECKS checks passed"
