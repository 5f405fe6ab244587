#!/usr/bin/env bash
# --base changes every minted IRI and nothing else: the vocabulary stays in
# the dg: namespace, and the graph is the default-base graph with the base
# replaced.
# usage: bash tests/cli/build_base.sh PATH_TO_diplograph REPO_ROOT
source "$(dirname "$0")/lib/dgtest.sh"
DEF="https://w3id.org/diplograph/id/"
NEW="http://example.org/kg/"

build "$T/def" "$ROOT/corpus" "$ROOT/tests/data/golden"
build "$T/new" --base "$NEW" "$ROOT/corpus" "$ROOT/tests/data/golden"
for f in graph.nq evidence.nq graph.ttl; do
  ! grep -q "$DEF" "$T/new/$f" || fail "$f still holds IRIs under $DEF with --base $NEW"
done
grep -q "<${NEW}doc/" "$T/new/graph.nq" || fail "no document IRI under $NEW"
grep -q "<https://w3id.org/diplograph/ontology#sourceFile>" "$T/new/graph.nq" ||
  fail "--base moved the vocabulary"
ok "--base $NEW: no IRI left under the default base"

for f in graph.nq evidence.nq; do
  diff <(sed "s|<${DEF}|<${NEW}|g" "$T/def/$f" | LC_ALL=C sort) <(LC_ALL=C sort "$T/new/$f") >&2 ||
    fail "$f with --base is not the default graph with the base replaced"
done
ok "graph.nq and evidence.nq are the default ones with the base replaced"

# a base with "#char=" in it: minted IRIs could then look like evidence
# sentences' IRIs (<doc#char=B,E>), and finalize looks each sentence IRI up
# instead of taking it as new (dg_graph.c, sent_job_merge)
FRAG="http://example.org/a#char=1/"
build "$T/frag" --base "$FRAG" "$ROOT/corpus" "$ROOT/tests/data/golden"
for f in graph.nq evidence.nq; do
  diff <(sed "s|<${DEF}|<${FRAG}|g" "$T/def/$f" | LC_ALL=C sort) <(LC_ALL=C sort "$T/frag/$f") >&2 ||
    fail "$f with --base $FRAG is not the default graph with the base replaced"
done
ok "--base with #char= in it: graph.nq and evidence.nq are the default ones with the base replaced"

rapper_clean turtle "$T/new/graph.ttl"
$PY "$RDFCHECK" union "$T/new/graph.nq" "$T/new/graph.ttl" >/dev/null || fail "union with --base"
ok "graph.ttl with --base parses and equals the union"
echo "$NCHECKS checks passed"
