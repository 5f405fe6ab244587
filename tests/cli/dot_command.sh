#!/usr/bin/env bash
# `diplograph dot` draws a neighbourhood of the corpus graph: --focus on an
# event with co-chairs (picked from graph.nq, not hard-coded) draws it, its
# co-chairs and less than the whole graph; --relations keeps only those
# edges; --doc limits to one document's facts; -o FILE.svg lays it out with
# dot; bad options and unknown entities fail with a message.
# usage: bash tests/cli/dot_command.sh PATH_TO_diplograph REPO_ROOT
source "$(dirname "$0")/lib/dgtest.sh"
command -v dot >/dev/null || fail "Graphviz dot not installed (Debian graphviz)"

build "$T/out" "$ROOT/corpus" --store none
# an event with co-chairs: its label, its IRI, its co-chairs' IRIs
$PY - "$T/out/graph.nq" >"$T/focus" <<'EOF' || fail "no event with co-chairs in graph.nq"
import sys, rdflib
DG = "https://w3id.org/diplograph/ontology#"
g = rdflib.ConjunctiveGraph()
g.parse(sys.argv[1], format="nquads")
for ev in sorted(set(g.subjects(rdflib.URIRef(DG + "coChair"), None))):
    label = next(g.objects(ev, rdflib.RDFS.label), None)
    if label is None:
        continue
    print(label)
    print(ev)
    for c in sorted(set(g.objects(ev, rdflib.URIRef(DG + "coChair")))):
        print(c)
    sys.exit(0)
sys.exit(1)
EOF
label=$(sed -n 1p "$T/focus")
iri=$(sed -n 2p "$T/focus")
nodes_in() { grep -cE '^ *n[0-9]+ \[id=' "$1" || true; } # node statements of a DOT file
total=$(nodes_in "$T/out/graph.dot")

# dot_clean FILE: dot renders FILE with nothing on stderr
dot_clean() {
  local rc=0
  dot -Tsvg "$1" -o /dev/null 2>"$T/dot.err" || rc=$?
  [ "$rc" = 0 ] && [ ! -s "$T/dot.err" ] || { cat "$T/dot.err" >&2; fail "dot -Tsvg $1 is not clean"; }
}

expect_status 0 "$DG" dot "$ROOT/corpus" --focus "$label" --depth 1
cp "$T/stdout" "$T/focus.dot"
dot_clean "$T/focus.dot"
grep -qF "URL=\"$iri\"" "$T/focus.dot" || fail "--focus '$label': the event is not drawn"
while read -r c; do
  grep -qF "URL=\"$c\"" "$T/focus.dot" || fail "--focus '$label': co-chair $c is not drawn"
done < <(tail -n +3 "$T/focus")
part=$(nodes_in "$T/focus.dot")
[ "$part" -lt "$total" ] || fail "--focus drew $part of $total nodes: not a neighbourhood"
ok "--focus '$label' --depth 1: the event and its co-chairs, $part of $total nodes"

expect_status 0 "$DG" dot "$ROOT/corpus" --focus "$iri" --depth 0
[ "$(nodes_in "$T/stdout")" = 1 ] && grep -qF "URL=\"$iri\"" "$T/stdout" ||
  fail "--focus IRI --depth 0 does not draw the entity alone"
ok "--focus by IRI, --depth 0: the entity alone"

expect_status 0 "$DG" dot "$ROOT/corpus" --focus "$label" --depth 2 --relations coChair
cp "$T/stdout" "$T/rel.dot"
dot_clean "$T/rel.dot"
# every drawn edge (not the invisible time-order ones) is labelled co-chair
if grep -- '->' "$T/rel.dot" | grep -v 'style=invis' | grep -v 'label=<co-chair>' | grep -q .; then
  fail "--relations coChair drew other edges"
fi
grep -q 'label=<co-chair>' "$T/rel.dot" || fail "--relations coChair drew no co-chair edge"
ok "--relations coChair: only co-chair edges"

doc=$(ls "$ROOT/corpus" | head -1)
expect_status 0 "$DG" dot "$ROOT/corpus" --doc "$doc"
grep -qF "facts stated in $doc" "$T/stdout" || fail "--doc $doc: no title naming the document"
ok "--doc $doc"

expect_status 0 "$DG" dot "$ROOT/corpus" --focus "$label" -o "$T/part.svg"
grep -q '<svg' "$T/part.svg" || fail "-o part.svg did not write an SVG"
! ls -A "$T" | grep -q '^\.' || fail "temporary files left in $T"
expect_status 0 "$DG" dot "$ROOT/corpus" --focus "$label" -o "$T/part.dot"
dot_clean "$T/part.dot"
ok "-o FILE.svg and -o FILE.dot"

expect_status 2 "$DG" dot "$ROOT/corpus" --relations coChair,noSuchRelation
expect_stderr "unknown relation 'noSuchRelation'"
expect_status 2 "$DG" dot "$ROOT/corpus" --depth many
expect_stderr "--depth"
expect_status 1 "$DG" dot "$ROOT/corpus" --focus "no such entity zzqx"
expect_stderr "no entity matches"
expect_status 1 "$DG" dot "$ROOT/corpus" --doc no-such-file.txt
expect_stderr "not a source document"
ok "bad relation, depth, focus and document fail with a message"
