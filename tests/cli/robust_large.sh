#!/usr/bin/env bash
# Large and degenerate text, generated here (never committed): a 50 MB
# statement (a real statement at the head and the tail, plain prose between),
# a real statement as one 5 MB line, and 5 MB lines with no sentence end: a
# single word, nothing but periods, and initials ("A. A. A. ..."). Each
# yields a graph whose outputs parse, the text at the very end of the big
# files is read (evidence offsets past 50 M / 5 M code points), and no run
# exceeds a generous time limit (a hang guard, not a speed target: see
# scripts/bench for speed).
# usage: bash tests/cli/robust_large.sh PATH_TO_diplograph REPO_ROOT
source "$(dirname "$0")/lib/dgtest.sh"
source "$(dirname "$0")/lib/robusthelp.sh"
GOOD="$(ls "$ROOT"/corpus/*.txt | sed -n 2p)"
good="$(basename "$GOOD")"
mkdir -p "$T/big" "$T/line" "$T/odd"
cp "$GOOD" "$T/big/"
$PY - "$GOOD" "$T" <<'EOF'
import sys
t = open(sys.argv[1], encoding="utf-8").read()
d = sys.argv[2]
# the last sentence states facts found nowhere before it
last = "The 9th ASEAN-Korea Maritime Security Dialogue was held in Busan on 9 May 2029."
filler = ("the parties discussed cooperation on capacity building and agreed to continue "
          "their dialogue in the coming year. ")
n = 50 * 1024 * 1024
body = (filler * (n // len(filler) + 1))[:n]
paras = "\n\n".join(body[i:i + 2000] for i in range(0, len(body), 2000))
open(d + "/big/big50.txt", "w", encoding="utf-8").write(t + "\n\n" + paras + "\n\n" + t + "\n\n" + last + "\n")
line = " ".join(t.split())
open(d + "/line/line5.txt", "w", encoding="utf-8").write(
    (line + " ") * (5 * 1024 * 1024 // (len(line) + 1)) + last)
m = 5 * 1024 * 1024
open(d + "/odd/word.txt", "w").write("A" + "b" * (m - 1))
open(d + "/odd/periods.txt", "w").write(". " * (m // 2))
# extraction is slow on long runs of initials (see the report): 300 KB here
open(d + "/odd/initials.txt", "w").write("A. " * 100000)
EOF
[ "$(stat -c %s "$T/big/big50.txt")" -gt 52000000 ] || fail "the big file is not 50 MB"

# max_offset DIR FILE: the largest evidence end offset in that document
max_offset() {
  local g
  g=$(grep -F "ontology#sourceFile> \"$2\"" "$1/graph.nq" | awk '{print $1}' | tr -d '<>')
  grep -oF "<$g#char=" "$1/evidence.nq" >/dev/null || { echo 0; return; }
  grep -o "<$g#char=[0-9]*,[0-9]*>" "$1/evidence.nq" | sed 's/.*,\([0-9]*\)>$/\1/' | sort -n | tail -1
}

expect_status 0 timeout 1500 "$DG" build --no-dot -o "$T/big-out" "$T/big"
grep -q "^documents: 2 read" "$T/stdout" || fail "summary: $(head -1 "$T/stdout")"
has_doc "$T/big-out" big50.txt
has_doc "$T/big-out" "$good"
outputs_parse "$T/big-out"
[ "$(max_offset "$T/big-out" big50.txt)" -gt 52000000 ] ||
  fail "no evidence from the end of the 50 MB file (last offset $(max_offset "$T/big-out" big50.txt))"
ok "a 50 MB file: built, its last sentence read (evidence past 52,000,000), outputs parse"

expect_status 0 timeout 900 "$DG" build --no-dot -o "$T/line-out" "$T/line"
has_doc "$T/line-out" line5.txt
outputs_parse "$T/line-out"
[ "$(max_offset "$T/line-out" line5.txt)" -gt 5000000 ] || fail "no evidence from the end of the 5 MB line"
ok "a statement as one 5 MB line: built, read to its end, outputs parse"

expect_status 0 timeout 900 "$DG" build --no-dot -o "$T/odd-out" "$T/odd"
for f in word.txt periods.txt initials.txt; do has_doc "$T/odd-out" "$f"; done
outputs_parse "$T/odd-out"
ok "5 MB lines of one word and of periods, 300 KB of initials: built, outputs parse"
echo "$NCHECKS checks passed"
