#!/usr/bin/env bash
# Hostile HTML and XML. HTML: malformed markup, 100,000 levels of nesting,
# scripts, styles and other hidden text, entities, <meta charset> of
# windows-1252 and iso-8859-1: each page gives exactly the facts of a .txt
# twin holding its visible text, and no hidden text reaches any output.
# XML: an external entity pointing at a local file (XXE, in text and in an
# attribute), a billion-laughs and a quadratic-blowup expansion: the file's
# content and the expansions never reach the graph or the evidence, and each
# run ends in bounded time (timeout) and memory (ulimit -v, except under
# ASan, which reserves terabytes of address space).
# usage: bash tests/cli/robust_markup.sh PATH_TO_diplograph REPO_ROOT
source "$(dirname "$0")/lib/dgtest.sh"
source "$(dirname "$0")/lib/robusthelp.sh"
IN="$T/in"
mkdir -p "$IN"

# bounded DIR ARGS...: diplograph build with a time limit and, unless
# sanitized, a memory limit (2 GB of address space)
bounded() {
  local out="$1"
  shift
  (
    [ -n "${DG_SANITIZED:-}" ] || ulimit -v 2000000
    exec timeout 120 "$DG" build --no-dot -o "$out" "$@"
  )
}

S1='The 7th ASEAN-Japan Cyber Policy Dialogue was held in Tokyo on 3 October 2019.'
S2='The Dialogue was co-chaired by Japan and Singapore.'
S3='The Dialogue welcomed the ASEAN-Japan Cybersecurity Capacity Building Centre.'
twin() { printf '%s\n\n' "$@" >"$IN/$TWIN-twin.txt"; } # the visible text, one paragraph per argument

# --- malformed markup
TWIN=malformed
printf '<html><body><p>%s<div><p>%s</b></i></span><p %s</div></table>\n<p>unclosed <a href=x>link <td>%s' \
  "$S1" "$S2" '<b>' "$S3" >"$IN/malformed.html"
# (what libxml2 recovers: the tag-like "<p <b>" swallows nothing visible)
twin "$S1" "$S2" "unclosed link $S3"

# --- 100,000 levels of nesting, closed and unclosed
TWIN=deep
$PY - "$IN/deep.html" "$S1" "$S2" "$S3" <<'EOF'
import sys
path, s1, s2, s3 = sys.argv[1:]
n = 100000
html = ("<html><body><p>" + s1 + "</p>" + "<div>" * n + "<p>" + s2 + "</p>" + "</div>" * n
        + "<p>" + s3 + "</p>" + "<span>" * n + "<p>Held again in Tokyo.</p></body></html>")
open(path, "w").write(html)
EOF
twin "$S1" "$S2" "$S3" "Held again in Tokyo."

# --- hidden text: scripts, styles, templates, comments, head
TWIN=hidden
cat >"$IN/hidden.html" <<EOF
<!DOCTYPE html><html><head><title>The SECRETTITLE Summit was held in Hanoi.</title>
<style>p::before { content: "The SECRETSTYLE Summit was held in Hanoi." }</style>
<script>var s = "The SECRETSCRIPT Summit was held in Hanoi on 5 May 2020. </p><p>";</script></head>
<body><p>$S1</p><script type="text/javascript">document.write("<p>The SECRETWRITE Meeting was held in Manila.</p>");</script>
<noscript><p>The SECRETNOSCRIPT Meeting was held in Manila.</p></noscript>
<template><p>The SECRETTEMPLATE Meeting was held in Manila.</p></template>
<!-- <p>The SECRETCOMMENT Meeting was held in Manila.</p> -->
<p>$S2</p><style>.SECRETSTYLE2 { }</style><p>$S3</p></body></html>
EOF
twin "$S1" "$S2" "$S3"

# --- entities
TWIN=entities
printf '<html><body><p>The 7th ASEAN&ndash;Japan Cyber Policy Dialogue was held in Tokyo on 3&nbsp;October 2019.</p><p>The Dialogue was co-chaired by Japan &amp; Singapore&#46;</p><p>The Dialogue welcomed the &#8220;ASEAN-Japan Cybersecurity Capacity Building Centre&#x201D;.</p></body></html>' >"$IN/entities.html"
printf 'The 7th ASEAN\xe2\x80\x93Japan Cyber Policy Dialogue was held in Tokyo on 3\xc2\xa0October 2019.\n\nThe Dialogue was co-chaired by Japan & Singapore.\n\nThe Dialogue welcomed the \xe2\x80\x9cASEAN-Japan Cybersecurity Capacity Building Centre\xe2\x80\x9d.\n\n' >"$IN/entities-twin.txt"

# --- <meta charset> other than UTF-8
TWIN=meta1252
printf '<html><head><meta charset="windows-1252"></head><body><p>The 7th \x93ASEAN-Japan Cyber Policy Dialogue\x94 was held in Tokyo on 3 October 2019 \x96 in Tokyo.</p><p>%s</p></body></html>' "$S2" >"$IN/meta1252.html"
printf 'The 7th \xe2\x80\x9cASEAN-Japan Cyber Policy Dialogue\xe2\x80\x9d was held in Tokyo on 3 October 2019 \xe2\x80\x93 in Tokyo.\n\n%s\n\n' "$S2" >"$IN/meta1252-twin.txt"
TWIN=latin1
printf '<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"></head><body><p>The 7th ASEAN-Japan Cyber Policy Dialogue was held in Bras\xedlia on 3 October 2019.</p><p>The Dialogue was co-chaired by C\xf4te d\x27Ivoire and Singapore.</p></body></html>' >"$IN/latin1.html"
printf 'The 7th ASEAN-Japan Cyber Policy Dialogue was held in Bras\xc3\xadlia on 3 October 2019.\n\nThe Dialogue was co-chaired by C\xc3\xb4te d\x27Ivoire and Singapore.\n\n' >"$IN/latin1-twin.txt"

expect_status 0 bounded "$T/html" "$IN"
one_line_messages
outputs_parse "$T/html"
as_x() { sed -E "s#/doc/${1%.*}([>\#])#/doc/X\1#g; s#\"$1\"#\"X\"#g"; } # FILE: its name as X
for h in malformed deep hidden entities meta1252 latin1; do
  has_doc "$T/html" "$h.html"
  [ "$(doc_quads "$T/html" "$h-twin.txt" | wc -l)" -gt 2 ] || fail "$h-twin.txt gave almost nothing"
  diff <(doc_quads "$T/html" "$h.html" | as_x "$h.html") \
    <(doc_quads "$T/html" "$h-twin.txt" | as_x "$h-twin.txt") >&2 ||
    fail "$h.html does not give the facts of its visible text ($h-twin.txt)"
done
ok "malformed, 100,000-deep, hidden-text, entity and non-UTF-8 pages give the facts of their visible text"
if grep -ril 'secret' "$T/html"; then fail "hidden text reached the output"; fi
$PY - "$T/html/graph.nq" "$T/html/evidence.nq" <<'EOF' || fail "entities or encodings left undecoded"
import re, sys, rdflib
for path in sys.argv[1:]:
    cg = rdflib.ConjunctiveGraph()
    cg.parse(path, format="nquads")
    for o in cg.objects():
        t = str(o)
        if isinstance(o, rdflib.Literal) and (re.search(r"&(#\d+|#x[0-9a-f]+|[a-z]+);", t, re.I)
                                              or "\ufffd" in t or "\u00c3" in t):
            sys.exit("%s: %r" % (path, t))
EOF
ok "no script, style, comment or head text in any output; no raw entities or mojibake"

# --- XML: XXE and entity expansion
echo "TOPSECRET-$$ The SECRETFILE Summit was held in Hanoi." >"$T/secret.txt"
X="$T/xml"
mkdir -p "$X"
cat >"$X/xxe.xml" <<EOF
<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY ext SYSTEM "file://$T/secret.txt"><!ENTITY rel SYSTEM "../secret.txt">
<!ENTITY % pe SYSTEM "file://$T/secret.txt"> %pe;]>
<r><p>$S1 &ext; &rel;</p><p>$S2</p></r>
EOF
cat >"$X/xxe-attr.xml" <<EOF
<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY ext SYSTEM "file://$T/secret.txt">]>
<r note="&ext;"><p>$S1</p></r>
EOF
$PY - "$X" <<'EOF'
import sys
d = sys.argv[1]
ents = ['<!ENTITY l0 "lollollollollol">'] + [
    '<!ENTITY l%d "%s">' % (i, ("&l%d;" % (i - 1)) * 10) for i in range(1, 10)]
open(d + "/laughs.xml", "w").write('<?xml version="1.0"?>\n<!DOCTYPE r [%s]>\n<r><p>The Summit was held in Hanoi. &l9;</p></r>\n' % "".join(ents))
open(d + "/laughs-attr.xml", "w").write('<?xml version="1.0"?>\n<!DOCTYPE r [%s]>\n<r a="&l9;"><p>The Summit was held in Hanoi.</p></r>\n' % "".join(ents))
big = "Q" * 100000
open(d + "/blowup.xml", "w").write('<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY a "%s">]>\n<r><p>The Summit was held in Hanoi. %s</p></r>\n' % (big, "&a;" * 20000))
EOF
rc=0
bounded "$T/xout" "$X" >"$T/stdout" 2>"$T/stderr" || rc=$?
[ $rc = 1 ] || { cat "$T/stderr" >&2; fail "XML run: exit $rc, want 1 (some files refused)"; }
one_line_messages
expect_stderr "^diplograph: error: $X/xxe-attr\.xml:3: not well-formed XML: .*\(skipped\)$"
expect_stderr "^diplograph: error: $X/laughs(-attr)?\.xml:[0-9]+: not well-formed XML: .*\(skipped\)$"
has_doc "$T/xout" xxe.xml
outputs_parse "$T/xout"
if grep -rl "TOPSECRET\|SECRETFILE\|secretfile\|lollol\|QQQQ" "$T/xout"; then
  fail "an external file's content or an entity expansion reached the output"
fi
for f in "$X"/*.xml; do
  one=0
  bounded "$T/one" "$f" >/dev/null 2>&1 || one=$?
  [ $one -le 1 ] || fail "$(basename "$f") alone: exit $one (killed or out of memory?)"
done
ok "XXE and entity expansion: refused or left unexpanded, in bounded time and memory"
echo "$NCHECKS checks passed"
