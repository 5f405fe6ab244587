#!/usr/bin/env bash
# Generalisation of extraction to statements it was not tuned on: builds the
# sixteen hand-written texts of tests/data/genre (other partners, ordinals, date
# formats, venues, co-chair phrasings, a news write-up, an HTML page, and two
# texts that must yield nothing), scores graph.nq against the gold facts beside
# them with ../shared/scoring/kgeval, prints its table, and fails when F1 is
# below the floor (DG_GENRE_F1_FLOOR, default 0.95).
# `kgeval OUT tests/data/genre --verbose` lists every missed or unexpected fact.
# usage: bash tests/cli/genre_score.sh PATH_TO_diplograph REPO_ROOT
source "$(dirname "$0")/lib/dgtest.sh"
FLOOR="${DG_GENRE_F1_FLOOR:-0.95}"
GENRE="$ROOT/tests/data/genre"
KGEVAL="$ROOT/../shared/scoring/kgeval"
[ -x "$KGEVAL" ] ||
  fail "$KGEVAL not found: the scorer must be checked out as ../shared beside the repository"
[ -f "$GENRE/same.tsv" ] || fail "$GENRE/same.tsv is missing"

# every text has its gold file, and every gold file its text
for src in "$GENRE"/*.txt "$GENRE"/*.html; do
  [ -f "${src%.*}.tsv" ] || fail "no gold facts for $(basename "$src")"
done
for gold in "$GENRE"/*.tsv; do
  stem="$(basename "$gold" .tsv)"
  [ "$stem" = same ] || [ -f "$GENRE/$stem.txt" ] || [ -f "$GENRE/$stem.html" ] ||
    fail "gold file $stem.tsv has no text"
done

build "$T/out" --store none --no-dot --no-html "$GENRE"
"$KGEVAL" "$T/out" "$GENRE" >"$T/score.txt" 2>&1 || true
cat "$T/score.txt"
line=$(grep -E '^precision .* F1 [0-9.]+$' "$T/score.txt" | tail -1) ||
  fail "kgeval printed no F1 line"
f1=${line##* }
$PY -c "import sys; sys.exit(0 if float('$f1') >= float('$FLOOR') else 1)" ||
  fail "F1 $f1 on tests/data/genre is below the floor $FLOOR (kgeval OUT $GENRE --verbose lists what is missed)"
ok "F1 $f1 >= $FLOOR on tests/data/genre"
