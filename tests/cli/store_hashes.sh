#!/usr/bin/env bash
# --store hashes: Redland's BDB hashes storage with contexts, as out/kg-*.db.
# It holds exactly the quads of graph.nq and evidence.nq, each in its graph,
# none twice, also after a rebuild; rdfproc opens it; diplograph query reads
# it with --store hashes.
# usage: bash tests/cli/store_hashes.sh PATH_TO_diplograph REPO_ROOT
source "$(dirname "$0")/lib/dgtest.sh"
source "$(dirname "$0")/lib/store.sh"
OUT="$T/out"

build "$OUT" "$ROOT/corpus" --no-dot --no-html --store hashes
for index in sp2o po2s so2p contexts; do
  [ -s "$OUT/kg-$index.db" ] || fail "no kg-$index.db"
done
[ ! -e "$OUT/kg.sqlite" ] || fail "--store hashes also wrote kg.sqlite"
[ -z "$(find "$OUT" -mindepth 1 -name '.*')" ] || fail "temporary files left in $OUT"
same_quads "$OUT" "hashes:dir=$OUT" "the hashes store does not hold graph.nq + evidence.nq"
n=$(nquads "$OUT")
ok "kg-*.db hold the $n quads of graph.nq and evidence.nq, in their graphs"

rdfproc -s hashes -t "hash-type='bdb',dir='$OUT',contexts='yes'" kg query sparql - \
  'SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } }' >"$T/rdfproc.out" 2>/dev/null ||
  fail "rdfproc cannot query the hashes store"
got=$(grep -c '^result:' "$T/rdfproc.out")
[ "$got" = "$n" ] || fail "rdfproc finds $got quads, want $n"
ok "rdfproc -s hashes queries it"

build "$OUT" "$ROOT/corpus" --no-dot --no-html --store hashes
same_quads "$OUT" "hashes:dir=$OUT" "a second build changed or duplicated the hashes store"
build "$OUT" "$ROOT/corpus/001_2793f0ddd5c9fca8.txt" --no-dot --no-html --store hashes
same_quads "$OUT" "hashes:dir=$OUT" "a smaller rebuild did not replace the hashes store"
ok "rebuilds replace the content, never add to it"
echo "$NCHECKS checks passed"
