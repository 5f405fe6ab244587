#!/usr/bin/env bash
# Text and file names that try to break the output: names with quotes,
# backslashes, >, <, newlines, spaces, #, {|}^`, non-ASCII and right-to-left
# characters, in sentences and lists that today's and tomorrow's extractor
# turn into names, in files whose own names are as hostile.
# Every IRI minted must be valid (ASCII, percent-encoded where needed) and
# every literal correctly escaped: graph.nq, graph.ttl and evidence.nq parse
# with rapper and python3-rdflib, and a third reader (a strict N-Quads
# tokenizer below, since rdflib 6.1 misreads \\ before a letter) finds each
# file name as its dg:sourceFile and each nif:anchorOf equal to the file's
# text at its offsets. The graph and export layers get the same treatment
# directly in tests/test_hostile.c. An invalid --base is a usage error.
# usage: bash tests/cli/robust_hostile.sh PATH_TO_diplograph REPO_ROOT
source "$(dirname "$0")/lib/dgtest.sh"
source "$(dirname "$0")/lib/robusthelp.sh"
IN="$T/in"
mkdir -p "$IN"
cat >"$IN/hostile.txt" <<'EOF'
Statement on the 3rd "Quote\Back>slash" Cyber Policy Dialogue

The 3rd "Quote\Back>slash" Cyber Policy Dialogue was held in Singapore on 3 October 2019.
The Dialogue was co-chaired by the Republic of <Tag> & #Hash and Singapore.
The Dialogue welcomed initiatives and programmes such as: the ASEAN-Japan "Cyber" Capacity Programme, the Smart {Curly} Cities | Pipe Partnership, the Côte d’Ivoire–Japan Capacity Building Programme, the جامعة الدول Digital Programme, the ‮Reversed‬ Programme, the 東京 Digital Programme 😀, and the Back\\slash ^Caret `Tick` Programme.
The 4th "Quote\Back>slash" Cyber Policy Dialogue will be held in Tokyo's "New <Hall>" in 2020.
The Meeting noted the Report of the ASEAN Working Group on "Cyber\nSecurity" \u0022Escapes\u0022 \" done.
EOF
# hostile file names, each holding a real statement
for name in 'we"ird <name>\ #1 ع.txt' $'line\nbreak.txt' $'\u202ertl-override.txt' 'tab	and {curly} |^`.txt'; do
  cp "$IN/hostile.txt" "$IN/$name"
done
expect_status 0 "$DG" build -o "$T/out" "$IN"
one_line_messages
outputs_parse "$T/out"
ok "hostile names and file names: exit 0; rapper and rdflib read graph.nq, graph.ttl, evidence.nq"

$PY - "$T/out" "$IN" <<'EOF' || fail "strict N-Quads check"
import os, re, sys
out, src = sys.argv[1], sys.argv[2]
TERM = re.compile(r'<([^>]*)>|"((?:[^"\\]|\\.)*)"(?:@[a-zA-Z]+(?:-[a-zA-Z0-9]+)*|\^\^<([^>]*)>)?')
IRI = re.compile(r'^[A-Za-z][A-Za-z0-9+.-]*:(?:[^\x00-\x20<>"{}|^`\\%\x7f-\U0010ffff]|%[0-9A-Fa-f]{2})*$')
ESC = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}

def unescape(s):
    out, i = [], 0
    while i < len(s):
        c = s[i]
        if c != "\\":
            out.append(c); i += 1; continue
        e = s[i + 1]
        if e in ESC:
            out.append(ESC[e]); i += 2
        elif e in "uU":
            n = 4 if e == "u" else 8
            out.append(chr(int(s[i + 2:i + 2 + n], 16))); i += 2 + n
        else:
            sys.exit("bad escape \\%s in %r" % (e, s))
    return "".join(out)

def quads(path):
    for n, line in enumerate(open(path, encoding="utf-8"), 1):
        terms, pos = [], 0
        line = line.rstrip("\n")
        while True:
            while pos < len(line) and line[pos] == " ":
                pos += 1
            if line[pos:] == ".":
                break
            m = TERM.match(line, pos)
            if not m:
                sys.exit("%s:%d: not N-Quads at column %d: %r" % (path, n, pos, line[pos:pos + 40]))
            for iri in (m.group(1), m.group(3)):
                if iri is not None and not IRI.match(iri):
                    sys.exit("%s:%d: invalid IRI <%s>" % (path, n, iri))
            terms.append(("I", m.group(1)) if m.group(1) is not None else ("L", unescape(m.group(2))))
            pos = m.end()
        if len(terms) != 4:
            sys.exit("%s:%d: %d terms, want 4" % (path, n, len(terms)))
        yield terms

DG = "https://w3id.org/diplograph/ontology#"
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
files = {}
for s, p, o, g in quads(out + "/graph.nq"):
    if p[1] == DG + "sourceFile":
        files[s[1]] = o[1]
want = set(os.listdir(src))
if set(files.values()) != want:
    sys.exit("dg:sourceFile values %r != file names %r" % (sorted(files.values()), sorted(want)))
anchors = 0
for s, p, o, g in quads(out + "/evidence.nq"):
    if p[1] != NIF + "anchorOf":
        continue
    doc, b, e = re.match(r"^(.*)#char=(\d+),(\d+)$", s[1]).groups()
    text = open(os.path.join(src, files[doc]), encoding="utf-8", newline="").read()
    if text[int(b):int(e)] != o[1]:
        sys.exit("%s: anchorOf %r != file text %r" % (s[1], o[1], text[int(b):int(e)]))
    anchors += 1
if anchors < 5:
    sys.exit("only %d evidence sentences: the hostile statement gave almost nothing" % anchors)
print("strict: %d documents, %d evidence sentences, all IRIs valid" % (len(files), anchors))
EOF
ok "every IRI valid and ASCII; each file name is its dg:sourceFile; evidence text is the file's text"

# A file name with a lone CR: raptor 2.0.15's Turtle writer puts it raw
# between quotes (invalid Turtle); diplograph's Turtle sink escapes it.
mkdir -p "$T/cr"
cp "$IN/hostile.txt" "$T/cr/"$'carriage\rreturn.txt'
expect_status 0 "$DG" build -o "$T/cr-out" "$T/cr"
rapper_clean nquads "$T/cr-out/graph.nq"
rapper_clean turtle "$T/cr-out/graph.ttl"
$PY - "$T/cr-out" <<'EOF' || fail "graph.ttl does not hold the file name with its CR"
import sys, rdflib
g = rdflib.Graph(); g.parse(sys.argv[1] + "/graph.ttl", format="turtle")
names = {str(o) for o in g.objects() if isinstance(o, rdflib.Literal)}
sys.exit(0 if "carriage\rreturn.txt" in names else 1)
EOF
ok "a file name with a lone CR: graph.nq and graph.ttl parse, the name keeps its CR"

# --base is the head of every minted IRI: an invalid one is refused
expect_status 2 "$DG" build -o "$T/base-out" --base 'http://example.org/a b"<>' "$IN"
expect_stderr "--base must be an absolute IRI"
[ ! -e "$T/base-out" ] || fail "a refused --base still wrote output"
expect_status 2 "$DG" build -o "$T/base-out" --base 'no-scheme/' "$IN"
ok "an invalid --base: exit 2, nothing written"
echo "$NCHECKS checks passed"
