#!/usr/bin/env bash
# Extraction quality on corpus/: ../shared/scoring/kgeval (beside the
# checkout; CI always has it) scores out/graph.nq against the seed gold facts.
# Fails when F1 is below the floor (DG_F1_FLOOR, default 0.70; to be raised).
# usage: bash tests/cli/score.sh PATH_TO_diplograph REPO_ROOT
source "$(dirname "$0")/lib/dgtest.sh"
FLOOR="${DG_F1_FLOOR:-0.70}"
SCORING="$(cd "$ROOT/.." && pwd)/shared/scoring"
[ -x "$SCORING/kgeval" ] && [ -d "$SCORING/seeds" ] ||
  fail "$SCORING/kgeval and $SCORING/seeds not found: the scorer must be checked out as ../shared beside the repository"

build "$T/out" "$ROOT/corpus"
"$SCORING/kgeval" "$T/out" "$SCORING/seeds" >"$T/score.txt" 2>&1 || true
grep -E 'cross-document identity' "$T/score.txt" || true
line=$(grep -E '^precision .* F1 [0-9.]+$' "$T/score.txt" | tail -1) ||
  { cat "$T/score.txt" >&2; fail "kgeval printed no F1 line"; }
echo "$line"
f1=${line##* }
$PY -c "import sys; sys.exit(0 if float('$f1') >= float('$FLOOR') else 1)" ||
  fail "F1 $f1 is below the floor $FLOOR (kgeval OUT $SCORING/seeds --verbose lists what is missed)"
ok "F1 $f1 >= $FLOOR"
