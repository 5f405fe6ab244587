#!/usr/bin/env bash
# Extraction quality: ../shared/scoring/kgeval (beside the checkout; CI always
# has it) scores graph.nq against gold facts, on corpus/ with the seed gold and
# on the development set (../shared/scoring/dev: real statements that are not
# in corpus/). Fails when F1 is below the floor or an identity row is split.
# Floors: DG_F1_FLOOR (corpus, default 0.97), DG_DEV_F1_FLOOR (dev, default 0.95).
# usage: bash tests/cli/score.sh PATH_TO_diplograph REPO_ROOT
source "$(dirname "$0")/lib/dgtest.sh"
SCORING="$(cd "$ROOT/.." && pwd)/shared/scoring"
[ -x "$SCORING/kgeval" ] && [ -d "$SCORING/seeds" ] && [ -d "$SCORING/dev/gold" ] ||
  fail "$SCORING/kgeval, seeds and dev not found: the scorer must be checked out as ../shared beside the repository"

score() { # NAME INPUT GOLD FLOOR
  build "$T/$1" "$2"
  "$SCORING/kgeval" "$T/$1" "$3" >"$T/$1.txt" 2>&1 || true
  local id line f1
  id=$(grep -E 'cross-document identity' "$T/$1.txt") || id=""
  line=$(grep -E '^precision .* F1 [0-9.]+$' "$T/$1.txt" | tail -1) ||
    { cat "$T/$1.txt" >&2; fail "$1: kgeval printed no F1 line"; }
  echo "$1: $line; $id"
  f1=${line##* }
  $PY -c "import sys; sys.exit(0 if float('$f1') >= float('$4') else 1)" ||
    fail "$1: F1 $f1 is below the floor $4 (kgeval OUT $3 --verbose lists what is missed)"
  if [ -n "$id" ]; then
    local got=${id##*: }
    [ "${got%/*}" = "${got#*/}" ] || fail "$1: cross-document identity $got (kgeval --verbose lists SPLIT rows)"
  fi
  ok "$1: F1 $f1 >= $4, identity ${id##*: }"
}

score corpus "$ROOT/corpus" "$SCORING/seeds" "${DG_F1_FLOOR:-0.97}"
score dev "$SCORING/dev/docs" "$SCORING/dev/gold" "${DG_DEV_F1_FLOOR:-0.95}"
