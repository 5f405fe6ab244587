#!/usr/bin/env bash
# The query library: at least ten queries in queries/, each opening with a
# comment that asks its question, and every one giving, row for row, the
# results of a second SPARQL engine (rdflib) on the same data: the corpus
# and the genre texts (rasqal over the sqlite store of a real build) and
# tests/data/store/sample.nq, made to give every query rows (rasqal over
# the N-Quads files). rdfproc runs each query on the store as well, and
# roqet those of the default graph on graph.ttl, with the same results.
# usage: bash tests/cli/query_check.sh PATH_TO_diplograph REPO_ROOT
source "$(dirname "$0")/lib/dgtest.sh"
source "$(dirname "$0")/lib/store.sh"
QUERIES=("$ROOT"/queries/*.rq)

[ "${#QUERIES[@]}" -ge 10 ] || fail "only ${#QUERIES[@]} queries in queries/"
for q in "${QUERIES[@]}"; do
  head -1 "$q" | grep -Eq '^# [A-Z].*\?$' || fail "$(basename "$q") does not open with its question"
done
ok "${#QUERIES[@]} queries, each opening with its question"

check() { # WHAT ARGS...
  local what="$1"
  shift
  $PY "$CHECK" --diplograph "$DG" "$@" "${QUERIES[@]}" >"$T/check.log" 2>&1 ||
    { cat "$T/check.log" >&2; fail "$what: diplograph and rdflib disagree"; }
  grep -q "^${#QUERIES[@]} queries, 0 failed" "$T/check.log" || { cat "$T/check.log" >&2; fail "$what"; }
  ok "$what: every query agrees with rdflib ($(grep -c '^ok .*: [1-9]' "$T/check.log") with rows)"
}

check "sample.nq" --data "$ROOT/tests/data/store/sample.nq" --require-rows
for set in corpus tests/data/genre; do
  out="$T/$(basename "$set")"
  build "$out" "$ROOT/$set" --no-dot --no-html
  check "$set" --data "$out/graph.nq" --data "$out/evidence.nq" --store "$out/kg.sqlite"
done

# rdfproc (librdf's own command) runs each query on the store, with as many rows
out="$T/corpus"
for q in "${QUERIES[@]}"; do
  rdfproc -s sqlite "$out/kg.sqlite" query sparql - "$(cat "$q")" >"$T/rdfproc.out" 2>/dev/null ||
    fail "rdfproc cannot run $(basename "$q")"
  want=$("$DG" query "$out/kg.sqlite" "$q" -r tsv | tail -n +2 | grep -c '' || true)
  got=$(grep -c '^result:' "$T/rdfproc.out" || true)
  [ "$got" = "$want" ] || fail "$(basename "$q"): rdfproc gives $got rows, diplograph $want"
done
ok "rdfproc runs every query on kg.sqlite with the same number of rows"

# roqet (rasqal's own command) on graph.ttl prints the same results for the
# queries of the default graph (it has no per-document graphs for the rest)
n=0
for q in "${QUERIES[@]}"; do
  grep -q 'GRAPH' "$q" && continue
  "$DG" query "$out/kg.sqlite" "$q" -r tsv >"$T/dg.tsv"
  roqet -q -i sparql -r tsv -D "$out/graph.ttl" "$q" >"$T/roqet.tsv" 2>/dev/null || true
  cmp -s "$T/dg.tsv" "$T/roqet.tsv" || { diff "$T/dg.tsv" "$T/roqet.tsv" | head >&2; fail "$(basename "$q"): roqet differs"; }
  n=$((n + 1))
done
[ "$n" -ge 10 ] || fail "only $n queries without GRAPH"
ok "roqet on graph.ttl prints the same as diplograph for the $n default-graph queries"
echo "$NCHECKS checks passed"
