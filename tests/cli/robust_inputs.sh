#!/usr/bin/env bash
# Bad text input in one directory beside a good statement: empty, blank, NUL
# bytes, a PNG named .txt, Windows-1252 (smart quotes), UTF-8 with BOM,
# UTF-16 LE and BE with BOM, CR LF and CR-only line ends.
# Each file yields a document in the graph or a one-line error naming the
# file and the reason; the good file's facts are those it has alone; the run
# keeps going (exit 1: a file was skipped); all outputs parse with rapper and
# rdflib. With --fail-fast the run stops and the previous outputs stay.
# usage: bash tests/cli/robust_inputs.sh PATH_TO_diplograph REPO_ROOT
source "$(dirname "$0")/lib/dgtest.sh"
source "$(dirname "$0")/lib/robusthelp.sh"
IN="$T/in"
mkdir -p "$IN"
GOOD="$(ls "$ROOT"/corpus/*.txt | head -1)"
good="$(basename "$GOOD")"
cp "$GOOD" "$IN/"

S='The 3rd ASEAN-Japan Cyber Policy Dialogue was held in Singapore on 3 October 2019.'
mk() { printf "$2" >"$IN/$1"; }
mk empty.txt ''
mk blank.txt ' \t\n\n   \n\t'
mk nul.txt 'The Dialogue\0was held.\n'
mk cp1252.txt 'The 3rd \x93Quoted\x94 Cyber Policy Dialogue was held in Singapore on 3 October 2019 \x96 caf\xe9.\n'
mk bom.txt "\xef\xbb\xbf$S\nThe Dialogue was co-chaired by Japan and Singapore.\n"
mk crlf.txt "Statement of the Co-Chairs\r\n\r\n$S\r\nThe Dialogue was co-chaired by\r\nJapan and Singapore.\r\n"
mk cr.txt "Statement of the Co-Chairs\r\r$S\rThe Dialogue was co-chaired by\rJapan and Singapore.\r"
$PY - "$IN" "$S" <<'EOF'
import struct, sys, zlib
d, s = sys.argv[1], sys.argv[2] + "\nThe Dialogue welcomed the \u201cSmart Cities\u201d Partnership \u2014 \U0001F600.\n"
open(d + "/utf16le.txt", "wb").write(b"\xff\xfe" + s.encode("utf-16-le"))
open(d + "/utf16be.txt", "wb").write(b"\xfe\xff" + s.encode("utf-16-be"))
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
       + chunk(b"IDAT", zlib.compress(b"\0\xff\0\0")) + chunk(b"IEND", b""))
open(d + "/image.txt", "wb").write(png)
EOF
readers=(empty.txt blank.txt cp1252.txt bom.txt crlf.txt cr.txt utf16le.txt utf16be.txt "$good")

# --- all together, keep-going (the default for a directory)
expect_status 1 "$DG" build -o "$T/out" "$IN"
one_line_messages
expect_stderr "^diplograph: error: $IN/nul\.txt: binary content \(NUL byte at offset 12\), not text \(skipped\)$"
expect_stderr "^diplograph: error: $IN/image\.txt: binary content \(NUL byte at offset [0-9]+\), not text \(skipped\)$"
expect_stderr "^diplograph: warning: $IN/cp1252\.txt: not UTF-8 \(byte 0x93 at offset 8\); decoded as Windows-1252$"
[ "$(grep -c 'error: ' "$T/stderr")" = 2 ] || fail "want exactly two errors (nul.txt, image.txt)"
grep -q "^documents: ${#readers[@]} read, 2 skipped" "$T/stdout" || fail "summary: $(head -1 "$T/stdout")"
ok "two binary files skipped with one-line errors, a warning for Windows-1252, exit 1"
for f in "${readers[@]}"; do has_doc "$T/out" "$f"; done
ok "every readable file is a document: ${readers[*]}"
outputs_parse "$T/out"
ok "graph.nq, graph.ttl, evidence.nq parse with rapper and rdflib"

# the good statement's facts are the same as when it is built alone
build "$T/alone" "$GOOD"
diff <(doc_quads "$T/alone" "$good") <(doc_quads "$T/out" "$good") >&2 ||
  fail "the bad neighbours changed the good file's facts"
[ "$(doc_quads "$T/alone" "$good" | wc -l)" -gt 3 ] || fail "the good file gave almost nothing"
ok "the good file's facts are unchanged by its bad neighbours"

# decoded text: no replacement characters or stray CRs in what reached the graph
$PY - "$T/out/graph.nq" "$T/out/evidence.nq" <<'EOF' || fail "decoded text"
import sys, rdflib
for path in sys.argv[1:]:
    cg = rdflib.ConjunctiveGraph()
    cg.parse(path, format="nquads")
    for o in cg.objects():
        if isinstance(o, rdflib.Literal):
            t = str(o)
            if "\ufffd" in t or "\x93" in t or "\x94" in t:
                sys.exit("%s: undecoded text %r" % (path, t))
            if "\r" in t.replace("\r\n", ""):
                sys.exit("%s: a CR without LF reached a literal: %r" % (path, t))
            if "Quoted" in t and "\u201cQuoted\u201d" not in t:
                sys.exit("%s: smart quotes not decoded: %r" % (path, t))
EOF
ok "no undecoded bytes and no lone CR in any literal"

# the UTF-8 files: evidence offsets are code points into the file (after a
# BOM), and each nif:anchorOf is the file's own text (CR LF included)
mkdir -p "$T/utf8"
cp "$IN/bom.txt" "$IN/crlf.txt" "$IN/empty.txt" "$IN/blank.txt" "$GOOD" "$T/utf8/"
build "$T/out8" "$T/utf8"
$PY "$RDFCHECK" evidence "$T/out8/graph.nq" "$T/out8/evidence.nq" "$T/utf8" >/dev/null ||
  fail "evidence of BOM / CR LF files"
ok "BOM and CR LF files: evidence offsets and text match the files"

# the same text as LF-ended UTF-8 gives the same facts (and, for CR line
# ends, the same evidence offsets): UTF-16 LE, UTF-16 BE, CR only
$PY - "$IN" "$T/lf" <<'EOF'
import os, sys
src, dst = sys.argv[1], sys.argv[2]
for name, enc in (("utf16le.txt", "utf-16"), ("utf16be.txt", "utf-16"), ("cr.txt", "utf-8")):
    os.makedirs(dst + "/" + name)
    text = open(src + "/" + name, encoding=enc, newline="").read().replace("\r", "\n")
    open(dst + "/" + name + "/" + name, "wb").write(open(src + "/" + name, "rb").read())
    open(dst + "/" + name + "/lf.txt", "w", encoding="utf-8", newline="").write(text)
EOF
as_x() { sed -E "s#/doc/${1%.txt}([>\#])#/doc/X\1#g; s#\"$1\"#\"X\"#g"; } # FILE: its name as X
for f in utf16le.txt utf16be.txt cr.txt; do
  build "$T/out-$f" "$T/lf/$f"
  diff <(doc_quads "$T/out-$f" "$f" | as_x "$f") <(doc_quads "$T/out-$f" lf.txt | as_x lf.txt) >&2 ||
    fail "$f and its LF UTF-8 copy give different facts"
  [ "$(doc_quads "$T/out-$f" "$f" | wc -l)" -gt 3 ] || fail "$f gave almost nothing"
done
ok "UTF-16 LE, UTF-16 BE and CR-only files give the facts of their LF UTF-8 copies"

# --- one bad file alone: a one-line error, exit 1, nothing written
expect_status 1 "$DG" build -o "$T/none" "$IN/nul.txt"
one_line_messages
expect_stderr "nul\.txt: binary content"
[ ! -e "$T/none/graph.nq" ] || fail "a run with no readable document wrote graph.nq"
ok "a lone binary file: exit 1, nothing written"

# --- --fail-fast: stops at the first bad file, previous outputs intact
snapshot "$T/out" before
expect_status 1 "$DG" build --fail-fast -o "$T/out" "$IN"
one_line_messages
expect_stderr "^diplograph: error: $IN/image\.txt: binary content"
same_files "$T/before" "$T/out"
no_temps "$T/out"
ok "--fail-fast: exit 1 at image.txt, previous outputs byte-identical, no temporaries"
echo "$NCHECKS checks passed"
