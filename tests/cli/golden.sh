#!/usr/bin/env bash
# Golden-file test of the whole pipeline: builds the short statements in
# tests/data/golden/*.txt and compares graph.nq with
# tests/data/golden/expected.nq, byte for byte.
#
# When extraction changes on purpose, regenerate the expected file and
# review the diff before committing it:
#   UPDATE_GOLDEN=1 bash tests/cli/golden.sh build/diplograph .
#   git diff tests/data/golden/expected.nq
# usage: bash tests/cli/golden.sh PATH_TO_diplograph REPO_ROOT
source "$(dirname "$0")/lib/dgtest.sh"
GOLDEN="$ROOT/tests/data/golden"
EXPECTED="$GOLDEN/expected.nq"

build "$T/out" "$GOLDEN"
if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then
  cp "$T/out/graph.nq" "$EXPECTED"
  echo "updated $EXPECTED ($(wc -l <"$EXPECTED") quads); review it with git diff"
  exit 0
fi
[ -f "$EXPECTED" ] || fail "$EXPECTED is missing (UPDATE_GOLDEN=1 creates it)"
if ! cmp -s "$EXPECTED" "$T/out/graph.nq"; then
  diff -u "$EXPECTED" "$T/out/graph.nq" | head -60 >&2 || true
  fail "graph.nq differs from $EXPECTED (if the change is intended: UPDATE_GOLDEN=1 bash $0 DIPLOGRAPH ROOT, then review git diff)"
fi
ok "graph.nq of tests/data/golden equals expected.nq ($(wc -l <"$EXPECTED") quads)"
