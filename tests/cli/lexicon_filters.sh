#!/usr/bin/env bash
# The lexicon lists that only spare work (doc_cue, anaphor_cue, venue_cue,
# date_cue: extraction skips a token out of them without testing it) are
# vocabulary a user may edit: a list that lost a word the extractor acts on
# must make extraction slower, never make it miss the word. Built with the
# shipped lexicon, with each filter list cut to one unrelated word, and with
# one word dropped from each: the graphs must be byte-identical.
# usage: bash tests/cli/lexicon_filters.sh PATH_TO_diplograph REPO_ROOT
source "$(dirname "$0")/lib/dgtest.sh"
FILTERS='doc_cue|anaphor_cue|venue_cue|date_cue'
INPUTS=("$ROOT/corpus" "$ROOT/tests/data/golden" "$ROOT"/tests/data/genre/*.txt)

grep -Eq "^($FILTERS)	" "$ROOT/ontology/lexicon.tsv" || fail "lexicon.tsv has none of the lists $FILTERS"

# onto NAME FILTER_PROGRAM: a copy of the ontology whose lexicon.tsv is
# rewritten by the awk program (fields split on tabs)
onto() {
  cp -a "$ROOT/ontology" "$T/$1"
  awk -F'\t' -v OFS='\t' "$2" "$ROOT/ontology/lexicon.tsv" >"$T/$1/lexicon.tsv"
}
# every filter list reduced to one word no text here holds: the lists still
# exist (each has its bit), but hold none of the words extraction tests for
onto cut "\$1 ~ /^($FILTERS)\$/ { if (!seen[\$1]++) print \$1, \"zzqx\", 1; next } { print }"
# one word the corpus relies on dropped from each list
onto drop "\$1 ~ /^($FILTERS)\$/ && \$2 ~ /^(report|next|in|year)\$/ { next } { print }"
[ "$(grep -Ec "^($FILTERS)	" "$T/cut/lexicon.tsv")" = 4 ] || fail "the cut lexicon does not hold the four lists"
[ "$(grep -Ec "^($FILTERS)	" "$T/drop/lexicon.tsv")" -lt "$(grep -Ec "^($FILTERS)	" "$ROOT/ontology/lexicon.tsv")" ] ||
  fail "the drop lexicon dropped nothing"

build "$T/out-shipped" --store none --no-dot --no-html "${INPUTS[@]}"
for v in cut drop; do
  build "$T/out-$v" --ontology "$T/$v" --store none --no-dot --no-html "${INPUTS[@]}"
  for f in graph.nq evidence.nq graph.ttl; do
    cmp -s "$T/out-shipped/$f" "$T/out-$v/$f" || {
      diff <(LC_ALL=C sort "$T/out-shipped/$f") <(LC_ALL=C sort "$T/out-$v/$f") | head -10 >&2 || true
      fail "$f with the '$v' filter lists differs from the shipped lexicon's"
    }
  done
  ok "filter lists '$v': graph.nq, evidence.nq and graph.ttl identical to the shipped lexicon's"
done
echo "$NCHECKS checks passed"
