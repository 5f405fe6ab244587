#!/usr/bin/env bash
# A run that fails leaves the previous outputs byte-identical and no
# temporary files behind: a missing or broken ontology directory, a bad
# document under --fail-fast, an output that cannot be replaced.
# usage: bash tests/cli/build_failure.sh PATH_TO_diplograph REPO_ROOT
source "$(dirname "$0")/lib/dgtest.sh"
OUT="$T/out"
GOLDEN="$ROOT/tests/data/golden"

build "$OUT" "$ROOT/corpus"
snapshot "$OUT" before

unchanged() { # WHAT
  same_files "$T/before" "$OUT"
  ! find "$OUT" -name '.*' ! -name . | grep -q . || fail "$1: temporary files left in $OUT"
  ok "$1: exit 1, message names the cause, previous outputs intact"
}

# the failing runs read other inputs, so a partial write would show
expect_status 1 "$DG" build -q -o "$OUT" --ontology "$T/no-such-ontology" "$GOLDEN"
expect_stderr "no-such-ontology"
unchanged "missing ontology directory"

cp -r "$ROOT/ontology" "$T/badonto"
printf 'no-such-class\tSomething\n' >>"$T/badonto/gazetteer.tsv"
line=$(wc -l <"$T/badonto/gazetteer.tsv")
expect_status 1 "$DG" build -q -o "$OUT" --ontology "$T/badonto" "$GOLDEN"
expect_stderr "gazetteer\.tsv:$line: .*no-such-class"
unchanged "broken gazetteer line"

printf 'not\0text\n' >"$T/bad.txt"
expect_status 1 "$DG" build -q -o "$OUT" --fail-fast "$GOLDEN" "$T/bad.txt"
expect_stderr "bad\.txt"
unchanged "--fail-fast on a bad document"

# An output that cannot be replaced (a directory where evidence.nq goes):
# the files written before it must not be replaced either, or the output
# directory would mix two runs.
rm "$OUT/evidence.nq"
mkdir -p "$OUT/evidence.nq/keep"
snapshot "$OUT" before
expect_status 1 "$DG" build -q -o "$OUT" "$GOLDEN"
expect_stderr "evidence\.nq"
unchanged "evidence.nq cannot be replaced"

# the output directory is a file
: >"$T/plainfile"
expect_status 1 "$DG" build -q -o "$T/plainfile" "$GOLDEN"
expect_stderr "plainfile"
[ ! -s "$T/plainfile" ] || fail "the file given as output directory was written"
ok "an output directory that is a file: exit 1"

# and a good run afterwards still works
rm -rf "$OUT/evidence.nq"
build "$OUT" "$ROOT/corpus"
[ -s "$OUT/evidence.nq" ] || [ -f "$OUT/evidence.nq" ] || fail "no evidence.nq after recovery"
ok "a good run after failures writes everything"
echo "$NCHECKS checks passed"
