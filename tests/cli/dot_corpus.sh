#!/usr/bin/env bash
# A build of corpus/ writes graph.dot and graph.svg; `dot -Tsvg` renders
# graph.dot without a word on stderr; every event, co-chair and referenced
# document in graph.nq (found with rdflib, not a fixed list) is a node of
# the SVG whose URL is its IRI, whose tooltip starts with its full
# rdfs:label and whose text shows that label (whole, or cut with an
# ellipsis); node ids are synthetic.
# usage: bash tests/cli/dot_corpus.sh PATH_TO_diplograph REPO_ROOT
source "$(dirname "$0")/lib/dgtest.sh"
OUT="$T/out"
command -v dot >/dev/null || fail "Graphviz dot not installed (Debian graphviz)"

build "$OUT" "$ROOT/corpus" --store none
[ -s "$OUT/graph.dot" ] || fail "graph.dot not written"
[ -s "$OUT/graph.svg" ] || fail "graph.svg not written"
ok "graph.dot and graph.svg written"

rc=0
dot -Tsvg "$OUT/graph.dot" -o "$T/again.svg" 2>"$T/dot.err" || rc=$?
[ "$rc" = 0 ] || fail "dot -Tsvg graph.dot exited $rc"
[ ! -s "$T/dot.err" ] || { cat "$T/dot.err" >&2; fail "dot -Tsvg graph.dot printed warnings"; }
ok "dot -Tsvg renders graph.dot with nothing on stderr"
cmp -s "$T/again.svg" "$OUT/graph.svg" || fail "graph.svg is not what dot makes of graph.dot"
ok "graph.svg is dot's rendering of graph.dot"

$PY - "$OUT/graph.nq" "$OUT/graph.svg" <<'EOF' || fail "entities missing from the diagram"
import re, sys
import xml.etree.ElementTree as ET
import rdflib

DG = "https://w3id.org/diplograph/ontology#"
RDFS_LABEL = rdflib.URIRef("http://www.w3.org/2000/01/rdf-schema#label")
g = rdflib.ConjunctiveGraph()
g.parse(sys.argv[1], format="nquads")
events = {s for s, o in g.subject_objects(rdflib.RDF.type)
          if str(o) in {DG + c for c in ("Event", "Dialogue", "Summit", "Meeting", "Conference")}}
chairs = set(g.objects(None, rdflib.URIRef(DG + "coChair")))
refs = set()
for p in ("references", "recalls", "reaffirms", "welcomes", "acknowledges", "notes"):
    refs |= set(g.objects(None, rdflib.URIRef(DG + p)))
for name, s in (("events", events), ("co-chairs", chairs), ("referenced documents", refs)):
    if not s:
        sys.exit("graph.nq has no %s: nothing to check" % name)

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"
root = ET.parse(sys.argv[2]).getroot()
squash = lambda t: " ".join(t.split())
nodes = {}  # IRI -> (node id, tooltip, text)
for g_el in root.iter(SVG + "g"):
    if g_el.get("class") != "node":
        continue
    nid = g_el.get("id", "")
    if not re.fullmatch(r"[nm][0-9]+", nid):
        sys.exit("node id %r is not synthetic" % nid)
    for a in g_el.iter(SVG + "a"):
        href = a.get(XLINK + "href")
        if href:
            text = squash(" ".join("".join(t.itertext()) for t in a.iter(SVG + "text")))
            nodes.setdefault(href, (nid, a.get(XLINK + "title") or "", text))

bad = 0
for name, s in (("event", events), ("co-chair", chairs), ("referenced document", refs)):
    for iri in sorted(s):
        labels = [str(o) for o in g.objects(iri, RDFS_LABEL)]
        if not labels:
            print("%s %s has no rdfs:label" % (name, iri), file=sys.stderr); bad += 1; continue
        label = labels[0]
        if str(iri) not in nodes:
            print("%s %s (%s) is not in the SVG" % (name, label, iri), file=sys.stderr); bad += 1; continue
        nid, tip, text = nodes[str(iri)]
        if not nid.startswith("n"):
            print("%s %s is not a node of its own" % (name, label), file=sys.stderr); bad += 1
        if not tip.startswith(label + "\n"):
            print("%s %s: tooltip %r" % (name, label, tip), file=sys.stderr); bad += 1
        want = squash(label)
        if "\u2026" in text:
            shown = text.split("\u2026")[0].rstrip()
            good = shown and want.startswith(shown)
        else:
            good = text.startswith(want)
        if not good:
            print("%s %s: text %r" % (name, label, text), file=sys.stderr); bad += 1
print("ok: %d events, %d co-chairs, %d referenced documents are labelled nodes"
      % (len(events), len(chairs), len(refs)))
sys.exit(1 if bad else 0)
EOF
ok "every event, co-chair and referenced document is a labelled node"
