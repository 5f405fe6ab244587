#!/usr/bin/env bash
# The command line of `diplograph build`: --help and --version, usage errors
# (exit 2 with a message), bad input (exit 1 naming the file).
# usage: bash tests/cli/build_cli.sh PATH_TO_diplograph REPO_ROOT
source "$(dirname "$0")/lib/dgtest.sh"

expect_status 0 "$DG" --help
grep -q '^usage: diplograph build' "$T/stdout" || fail "--help prints no usage on stdout"
grep -q -- '--base' "$T/stdout" || fail "--help does not list --base"
[ ! -s "$T/stderr" ] || fail "--help writes to stderr"
expect_status 0 "$DG" build --help
grep -q '^usage: diplograph build' "$T/stdout" || fail "build --help prints no usage"
ok "--help and build --help exit 0 with usage on stdout"

expect_status 0 "$DG" --version
grep -Eq '^diplograph [0-9]+\.[0-9]+\.[0-9]+$' "$T/stdout" || fail "--version prints '$(cat "$T/stdout")'"
ok "--version exits 0: $(cat "$T/stdout")"

# usage errors: exit 2, a message on stderr, nothing written
cd "$T"
expect_status 2 "$DG"
expect_stderr '^usage:'
expect_status 2 "$DG" frobnicate
expect_stderr "unknown command 'frobnicate'"
expect_status 2 "$DG" build --no-such-option "$ROOT/corpus"
expect_stderr 'no-such-option'
expect_status 2 "$DG" build -o
expect_stderr "requires an argument"
expect_status 2 "$DG" build -j 0 "$ROOT/corpus"
expect_stderr '-j takes a number'
expect_status 2 "$DG" build -j many "$ROOT/corpus"
expect_stderr '-j takes a number'
expect_status 2 "$DG" build --store nosuchstore "$ROOT/corpus"
expect_stderr '--store must be'
[ ! -e "$T/out" ] || fail "a usage error wrote the default output directory"
ok "usage errors exit 2 with a message and write nothing"

# bad input: exit 1, the message names the file
expect_status 1 "$DG" build -o "$T/o1" "$T/no-such-file.txt"
expect_stderr "no-such-file\.txt"
expect_status 1 "$DG" build -q -o "$T/o1" "$ROOT/corpus" "$T/missing-too.txt"
expect_stderr "missing-too\.txt"
ok "a missing input exits 1 naming the file"

printf 'Binary\0content\n' >"$T/binary.txt"
expect_status 1 "$DG" build -o "$T/o2" --fail-fast "$ROOT/corpus" "$T/binary.txt"
expect_stderr "binary\.txt"
# without --fail-fast the bad file is skipped, the rest is written, exit 1
expect_status 1 "$DG" build -o "$T/o3" "$ROOT/corpus" "$T/binary.txt"
expect_stderr "binary\.txt.*skipped"
[ -s "$T/o3/graph.nq" ] || fail "the good documents were not written when one was bad"
ok "a bad document exits 1 naming it; --keep-going still writes the rest"

mkdir -p "$T/empty"
expect_status 1 "$DG" build -o "$T/o4" "$T/empty"
expect_stderr 'no input documents'
ok "a directory without documents exits 1"

# the default input is corpus/ and the default output out/, relative to cwd
mkdir -p "$T/cwd"
cp -r "$ROOT/corpus" "$T/cwd/corpus"
(cd "$T/cwd" && "$DG" build -q) || fail "build with no arguments failed in a directory holding corpus/"
[ -s "$T/cwd/out/graph.nq" ] || fail "build with no arguments did not write out/graph.nq"
[ "$(grep -c 'ontology#sourceFile' "$T/cwd/out/graph.nq")" = "$(ls "$ROOT/corpus" | wc -l)" ] ||
  fail "build with no arguments did not read every file of corpus/"
ok "no arguments: corpus/ into out/"
echo "$NCHECKS checks passed"
