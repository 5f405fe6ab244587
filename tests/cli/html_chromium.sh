#!/usr/bin/env bash
# The report of a corpus build, rendered by headless Chromium (Debian's
# chromium, listed in scripts/packages-test.txt): the DOM has one timeline
# row per event of graph.nq (counted with rdflib), the diagram as inline
# SVG with nodes, and a sentence element for every evidence link; the page
# loads nothing from elsewhere (no script, stylesheet, image or frame).
# usage: bash tests/cli/html_chromium.sh PATH_TO_diplograph REPO_ROOT
source "$(dirname "$0")/lib/dgtest.sh"
CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
[ -n "$CHROMIUM" ] || fail "chromium not installed (Debian chromium, scripts/packages-test.txt)"

build "$T/out" "$ROOT/corpus" --store none
[ -s "$T/out/index.html" ] || fail "index.html not written"
if grep -Eiq '<script|<link|<iframe|<img|@import|url\(' "$T/out/index.html"; then
  fail "index.html loads something from elsewhere"
fi
ok "index.html is self-contained"

rc=0
timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-background-networking \
  --disable-component-update --disable-sync --no-first-run --user-data-dir="$T/profile" \
  --dump-dom "file://$T/out/index.html" >"$T/dom.html" 2>"$T/chromium.err" || rc=$?
[ "$rc" = 0 ] && [ -s "$T/dom.html" ] || { tail -5 "$T/chromium.err" >&2; fail "chromium --dump-dom exited $rc"; }
ok "chromium rendered index.html"

$PY - "$T/out/graph.nq" "$T/dom.html" <<'EOF' || fail "the rendered page lacks rows or the diagram"
import re, sys
from html.parser import HTMLParser
import rdflib

DG = "https://w3id.org/diplograph/ontology#"
g = rdflib.ConjunctiveGraph()
g.parse(sys.argv[1], format="nquads")
events = {s for s, o in g.subject_objects(rdflib.RDF.type)
          if str(o) in {DG + c for c in ("Event", "Dialogue", "Summit", "Meeting", "Conference")}}

class Page(HTMLParser):
    """Counts what matters, by the <section> it is in."""
    def __init__(self):
        super().__init__()
        self.section, self.rows, self.svg, self.nodes, self.ids, self.links = "", 0, 0, 0, set(), []
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        cls = (a.get("class") or "").split()
        if tag == "section":
            self.section = a.get("id") or ""
        if tag == "tr" and "event" in cls and self.section == "timeline":
            self.rows += 1
        if tag == "svg" and self.section == "diagram":
            self.svg += 1
        if tag == "g" and "node" in cls and self.section == "diagram":
            self.nodes += 1
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and re.fullmatch(r"#s[0-9]+-[0-9]+-[0-9]+", a.get("href") or ""):
            self.links.append(a["href"][1:])

p = Page()
p.feed(open(sys.argv[2], encoding="utf-8").read())
bad = []
if p.rows != len(events):
    bad.append("%d timeline rows for %d events" % (p.rows, len(events)))
if not events:
    bad.append("graph.nq has no events: nothing to check")
if p.svg != 1 or p.nodes < 1:
    bad.append("diagram: %d svg elements, %d nodes" % (p.svg, p.nodes))
missing = [l for l in p.links if l not in p.ids]
if not p.links or missing:
    bad.append("%d evidence links, %d without a target" % (len(p.links), len(missing)))
for b in bad:
    print(b, file=sys.stderr)
print("ok: %d timeline rows, diagram with %d nodes, %d evidence links" % (p.rows, p.nodes, len(p.links)))
sys.exit(1 if bad else 0)
EOF
ok "timeline rows, diagram and evidence links are in the rendered page"
