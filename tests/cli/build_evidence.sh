#!/usr/bin/env bash
# Evidence (issue 3, model documented in ontology/diplograph.ttl): every
# relation a document states (dg:coChair, dg:date, dg:inSeries, ...; not
# labels or types) is repeated in out/evidence.nq in the graph of its
# sentence <doc#char=B,E>, a nif:Sentence whose nif:anchorOf is exactly the
# source text at code points [B,E); and the provenance query documented in
# the ontology gives the same answer through `diplograph query` and rdflib.
# usage: bash tests/cli/build_evidence.sh PATH_TO_diplograph REPO_ROOT
source "$(dirname "$0")/lib/dgtest.sh"

for src in corpus tests/data/golden; do
  build "$T/$src" "$ROOT/$src"
  $PY "$RDFCHECK" evidence "$T/$src/graph.nq" "$T/$src/evidence.nq" "$ROOT/$src" ||
    fail "evidence of $src"
  ok "$src: every relation has a sentence, and each sentence is the source text at its offsets"
done

# The provenance query documented in the ontology, on facts of the corpus:
# `diplograph query` (rasqal) and rdflib give the same rows, and the rows
# name the source file, offsets and sentence.
cat "$T/corpus/graph.nq" "$T/corpus/evidence.nq" >"$T/all.nq"
grep -E '#char=[0-9]+,[0-9]+> \.$' "$T/corpus/evidence.nq" | awk 'NR % 25 == 1' | head -8 >"$T/facts"
[ -s "$T/facts" ] || fail "corpus: no evidence quads at all"
while read -r fact; do
  spo=$(sed -E 's/ <[^>]*#char=[0-9]+,[0-9]+> \.$//' <<<"$fact")
  subj=${spo%%> *}\>
  po=${spo#*> }
  q="PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX dg: <https://w3id.org/diplograph/ontology#>
SELECT ?file ?b ?e WHERE { GRAPH ?g { ?x $po }
  ?s nif:anchorOf ?text ; nif:beginIndex ?b ; nif:endIndex ?e ; nif:referenceContext ?doc .
  ?doc dg:sourceFile ?file FILTER (?s = ?g && ?x = $subj) }"
  "$DG" query "$T/all.nq" -r csv -e "$q" 2>"$T/q.err" | tail -n +2 | tr -d '"\r' | LC_ALL=C sort >"$T/rasqal.txt" ||
    { cat "$T/q.err" >&2; fail "diplograph query failed"; }
  $PY -c '
import sys, rdflib
ds = rdflib.Dataset(default_union=True)
ds.parse(sys.argv[1], format="nquads")
for r in ds.query(sys.argv[2]): print(",".join(str(x) for x in r))' "$T/all.nq" "$q" | LC_ALL=C sort >"$T/rdflib.txt"
  [ -s "$T/rdflib.txt" ] || fail "rdflib finds no sentence for $spo"
  grep -q '\.txt,[0-9]*,[0-9]*$' "$T/rdflib.txt" || fail "provenance rows lack file and offsets: $(head -1 "$T/rdflib.txt")"
  diff "$T/rdflib.txt" "$T/rasqal.txt" >&2 || fail "diplograph query and rdflib disagree on the provenance of $spo"
done <"$T/facts"
ok "provenance query: diplograph query and rdflib agree on $(wc -l <"$T/facts") facts"
echo "$NCHECKS checks passed"
