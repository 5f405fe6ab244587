#!/usr/bin/env bash
# A build of corpus/ writes graph.ttl, graph.nq and evidence.nq that raptor
# and rdflib both parse; the union of the quads is the Turtle graph; every
# named graph is a document with dg:sourceFile. (Evidence: build_evidence.sh.)
# usage: bash tests/cli/build_outputs.sh PATH_TO_diplograph REPO_ROOT
source "$(dirname "$0")/lib/dgtest.sh"
OUT="$T/out"

check_build() { # DIR
  local d="$1" f
  for f in graph.ttl graph.nq evidence.nq; do
    [ -f "$d/$f" ] || fail "$d/$f not written"
  done
  [ -s "$d/graph.nq" ] || fail "$d/graph.nq is empty"
  ! find "$d" -name '.*' ! -name . | grep -q . || fail "$d: temporary files left behind"
  rapper_clean turtle "$d/graph.ttl"
  rapper_clean nquads "$d/graph.nq"
  rapper_clean nquads "$d/evidence.nq"
  ok "$d: graph.ttl, graph.nq, evidence.nq parse with rapper, no warning"
  # every @prefix line the Turtle uses is declared, and dg: is used
  grep -q '^@prefix dg: <https://w3id.org/diplograph/ontology#> \.$' "$d/graph.ttl" ||
    fail "graph.ttl has no dg: prefix line"
  $PY "$RDFCHECK" union "$d/graph.nq" "$d/graph.ttl" || fail "union of quads != Turtle graph"
  ok "rdflib: union of graph.nq = graph.ttl"
  $PY "$RDFCHECK" graphs "$d/graph.nq" || fail "named graphs"
  ok "every named graph is a document with dg:sourceFile"
  # raptor and rdflib count the same statements
  local nr np
  nr=$(rapper -i nquads -o nquads "$d/graph.nq" 2>/dev/null | wc -l)
  np=$($PY "$RDFCHECK" count "$d/graph.nq")
  [ "$nr" = "$np" ] && [ "$nr" = "$(wc -l <"$d/graph.nq")" ] ||
    fail "graph.nq: raptor reads $nr quads, rdflib $np, file has $(wc -l <"$d/graph.nq") lines"
  ok "graph.nq: $nr quads, no duplicates, raptor and rdflib agree"
}

build "$OUT" "$ROOT/corpus"
check_build "$OUT"
ndocs=$(ls "$ROOT/corpus" | wc -l)
[ "$(grep -c 'ontology#sourceFile' "$OUT/graph.nq")" = "$ndocs" ] ||
  fail "graph.nq does not name each of the $ndocs corpus files once"
for f in "$ROOT"/corpus/*; do
  grep -q "ontology#sourceFile> \"$(basename "$f")\"" "$OUT/graph.nq" ||
    fail "no dg:sourceFile \"$(basename "$f")\""
done
ok "each corpus file is one document with its dg:sourceFile"

build "$T/golden" "$ROOT/tests/data/golden"
check_build "$T/golden"

# the summary: documents read and files written
expect_status 0 "$DG" build -o "$T/summary" "$ROOT/corpus"
grep -q "^documents: $ndocs read" "$T/stdout" || fail "summary does not count $ndocs documents"
grep -q "graph.nq" "$T/stdout" || fail "summary does not list graph.nq"
expect_status 0 "$DG" build -q -o "$T/quiet" "$ROOT/corpus"
[ ! -s "$T/stdout" ] || fail "-q still prints a summary"
ok "summary printed, -q silences it"
echo "$NCHECKS checks passed"
