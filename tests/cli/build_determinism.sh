#!/usr/bin/env bash
# Outputs are a function of the inputs only: two runs give byte-identical
# files (every file of the output directory, nothing ignored), and neither the
# order of the input arguments, nor how they are named (a directory or its
# files), nor the number of threads changes them.
# usage: bash tests/cli/build_determinism.sh PATH_TO_diplograph REPO_ROOT
source "$(dirname "$0")/lib/dgtest.sh"
OUT="$T/out"

build "$OUT" "$ROOT/corpus"
snapshot "$OUT" first
build "$OUT" "$ROOT/corpus"
same_files "$T/first" "$OUT"
ok "two runs give byte-identical files ($(ls "$OUT" | tr '\n' ' '))"

mapfile -t files < <(ls "$ROOT"/corpus/* | LC_ALL=C sort -r)
[ "${#files[@]}" -ge 2 ] || fail "corpus/ holds fewer than two files"
build "$OUT" "${files[@]}"
same_files "$T/first" "$OUT"
ok "the ${#files[@]} corpus files in reverse order give the same files"

build "$OUT" -j 1 "$ROOT/corpus"
same_files "$T/first" "$OUT"
build "$OUT" -j 4 "${files[@]}"
same_files "$T/first" "$OUT"
ok "-j 1 and -j 4 give the same files"

# a shuffled copy of the inputs under other paths: same content, same output
mkdir -p "$T/elsewhere/b" "$T/elsewhere/a"
for i in "${!files[@]}"; do cp "${files[$i]}" "$T/elsewhere/$([ $((i % 2)) = 0 ] && echo a || echo b)/"; done
build "$OUT" "$T/elsewhere/b" "$T/elsewhere/a"
same_files "$T/first" "$OUT"
ok "the same files under other directories give the same output"

# the golden texts: several documents sharing entities, in both orders
build "$OUT" "$ROOT/tests/data/golden"
snapshot "$OUT" golden
mapfile -t gfiles < <(ls "$ROOT"/tests/data/golden/*.txt | LC_ALL=C sort -r)
build "$OUT" "${gfiles[@]}"
same_files "$T/golden" "$OUT"
ok "golden texts: argument order does not change the output"
echo "$NCHECKS checks passed"
