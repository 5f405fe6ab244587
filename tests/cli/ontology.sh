#!/usr/bin/env bash
# The ontology: parses cleanly, defines the contract (tests/data/contract_terms.txt,
# copied from ../shared/spec/vocabulary.md) with labels and comments, and
# defines every term the extractor emits, so a new term cannot slip into the
# output without a definition.
# usage: bash tests/cli/ontology.sh PATH_TO_diplograph REPO_ROOT
source "$(dirname "$0")/lib/dgtest.sh"
ONTO="$ROOT/ontology/diplograph.ttl"

rapper_clean turtle "$ONTO"
ok "rapper parses $ONTO without warnings"

grep -q 'owl:versionInfo "[0-9]*\.[0-9]*\.[0-9]*"' "$ONTO" || fail "no owl:versionInfo"
$PY "$RDFCHECK" contract "$ONTO" "$ROOT/tests/data/contract_terms.txt" || fail "contract"
ok "every contract term is defined with rdfs:label and rdfs:comment"

# The ontology header, queried through rasqal as a second opinion.
roqet -q -D "$ONTO" -r csv -e 'PREFIX owl: <http://www.w3.org/2002/07/owl#>
  PREFIX dcterms: <http://purl.org/dc/terms/>
  PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
  SELECT ?v ?t WHERE { ?o a owl:Ontology ; owl:versionInfo ?v ; dcterms:title ?t ;
                       dcterms:description ?d ; rdfs:comment ?c }' >"$T/header.csv" 2>"$T/roqet.err" || true
grep -Eq '^[0-9]+\.[0-9]+\.[0-9]+,diplograph ontology' "$T/header.csv" || { cat "$T/roqet.err" >&2; fail "ontology header (version, title, description, comment) incomplete"; }
ok "owl:Ontology header with version, title, description"

# Every term a build emits is defined: the corpus and the golden texts.
build "$T/corpus" "$ROOT/corpus"
build "$T/golden" "$ROOT/tests/data/golden"
$PY "$RDFCHECK" defined "$ONTO" "$T/corpus/graph.nq" "$T/corpus/evidence.nq" \
  "$T/golden/graph.nq" "$T/golden/evidence.nq" || fail "outputs use undefined terms"
ok "every term used in graph.nq and evidence.nq is defined in the ontology"

# The checker itself catches an invented term.
printf '<http://x/d> <https://w3id.org/diplograph/ontology#inventedTerm> "x" <http://x/d> .\n' >"$T/bad.nq"
if $PY "$RDFCHECK" defined "$ONTO" "$T/bad.nq" 2>/dev/null; then fail "an invented dg: term passed"; fi
ok "an invented dg: term is caught"
echo "$NCHECKS checks passed"
