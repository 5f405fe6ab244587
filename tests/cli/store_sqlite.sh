#!/usr/bin/env bash
# The default store, out/kg.sqlite: it holds exactly the quads of graph.nq
# and evidence.nq, each in its graph, none twice; rdfproc opens and queries
# it; `diplograph query` uses it by default; a rebuild replaces its content
# (never adds to it); a build that fails at the store leaves every previous
# output byte for byte. (A failure in the middle of the load is covered by
# tests/test_store.c, which can limit the file size of its own process.)
# usage: bash tests/cli/store_sqlite.sh PATH_TO_diplograph REPO_ROOT
source "$(dirname "$0")/lib/dgtest.sh"
source "$(dirname "$0")/lib/store.sh"
OUT="$T/out"

build "$OUT" "$ROOT/corpus" --no-dot --no-html
[ -s "$OUT/kg.sqlite" ] || fail "build wrote no kg.sqlite"
same_quads "$OUT" "$OUT/kg.sqlite" "kg.sqlite does not hold graph.nq + evidence.nq"
n=$(nquads "$OUT")
[ "$n" -gt 100 ] || fail "only $n quads from the corpus"
ok "kg.sqlite holds the $n quads of graph.nq and evidence.nq, in their graphs"

# rdfproc reads it, contexts included
rdfproc -s sqlite "$OUT/kg.sqlite" query sparql - \
  'SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }' >"$T/rdfproc.out" 2>/dev/null ||
  fail "rdfproc cannot query kg.sqlite"
grep -q "n=\"$n\"" "$T/rdfproc.out" || { cat "$T/rdfproc.out" >&2; fail "rdfproc counts other than $n quads"; }
want_graphs=$(cat "$OUT/graph.nq" "$OUT/evidence.nq" | awk '{ print $(NF-1) }' | sort -u | wc -l)
rdfproc -s sqlite "$OUT/kg.sqlite" query sparql - \
  'SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }' >"$T/rdfproc.out" 2>/dev/null
got_graphs=$(grep -c '^result:' "$T/rdfproc.out")
[ "$got_graphs" = "$want_graphs" ] || fail "rdfproc sees $got_graphs graphs, the files name $want_graphs"
ok "rdfproc -s sqlite queries it: $n quads in $got_graphs graphs"

# the default store of `diplograph query` is out/kg.sqlite of the working directory
(cd "$T" && "$DG" query -e 'SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }' -r csv) \
  >"$T/default.csv" || fail "diplograph query without a store"
[ "$(tr -d '\r' <"$T/default.csv" | tail -1)" = "$n" ] || fail "the default store is not out/kg.sqlite"
ok "diplograph query uses out/kg.sqlite by default"

# a rebuild replaces the content: same quads, none twice
cp "$OUT/kg.sqlite" "$T/first.sqlite"
build "$OUT" "$ROOT/corpus" --no-dot --no-html
same_quads "$OUT" "$OUT/kg.sqlite" "a second build changed or duplicated the store"
ok "a second build gives the same $n quads, none twice"
# ... also when the new run has less to say
build "$OUT" "$ROOT/corpus/001_2793f0ddd5c9fca8.txt" --no-dot --no-html
same_quads "$OUT" "$OUT/kg.sqlite" "a smaller rebuild did not replace the store"
m=$(nquads "$OUT")
[ "$m" -lt "$n" ] || fail "one document gave $m quads, all gave $n"
ok "a rebuild from one document leaves its $m quads only"

# a build that fails at the store: every previous output intact
build "$OUT" "$ROOT/corpus" --no-dot --no-html
snapshot "$OUT" before
expect_status 1 "$DG" build -q -o "$OUT" --no-dot --no-html --store-options "dir=$T/no/such/dir" "$ROOT/corpus"
expect_stderr "no/such/dir/kg\.sqlite"
same_files "$T/before" "$OUT"
! find "$OUT" "$T/no" -name '.*' ! -name . 2>/dev/null | grep -q . || fail "temporary files left"
ok "a failing store write: exit 1, message names the store, previous outputs intact"

# --store none writes no store, and leaves an old one alone
rm "$OUT/kg.sqlite"
build "$OUT" "$ROOT/corpus" --no-dot --no-html --store none
[ ! -e "$OUT/kg.sqlite" ] || fail "--store none wrote kg.sqlite"
ok "--store none writes no store"
echo "$NCHECKS checks passed"
