#!/usr/bin/env bash
# Several worker threads reading HTML and XML at once. libxml2 2.9 sets up
# its dictionary mutex lazily in whichever thread gets there first unless
# xmlInitParser runs before the threads start (dg_doc_global_init); without
# it, two workers racing there deadlocked in about one -j 4 build in four of
# this input (11 of 40 measured). Each build here must finish, exit 0 and
# give the files a -j 1 build gives.
# usage: bash tests/cli/build_threads_markup.sh PATH_TO_diplograph REPO_ROOT
source "$(dirname "$0")/lib/dgtest.sh"
IN="$T/in"
mkdir -p "$IN"
n=0
for f in "$ROOT"/tests/data/fuzz-seeds/*.html "$ROOT"/tests/data/fuzz-seeds/*.xml "$ROOT"/tests/data/genre/*.html; do
  [ -f "$f" ] || continue
  for k in 1 2 3; do n=$((n + 1)); cp "$f" "$IN/$n-$(basename "$f")"; done
done
[ $n -ge 12 ] || fail "only $n markup inputs found"
"$DG" build -q -j 1 --store none --no-dot --no-html -o "$T/j1" "$IN" >/dev/null 2>&1 ||
  fail "the -j 1 build of $n markup files failed"
runs=${DG_THREAD_RUNS:-30}
for i in $(seq "$runs"); do
  rc=0
  timeout 60 "$DG" build -q -j 4 --store none --no-dot --no-html -o "$T/j4" "$IN" >"$T/stdout" 2>"$T/stderr" || rc=$?
  [ $rc != 124 ] || fail "run $i of $runs: a -j 4 build of $n HTML/XML files hung (killed after 60 s)"
  [ $rc = 0 ] || { cat "$T/stderr" >&2; fail "run $i: exit $rc"; }
  same_files "$T/j1" "$T/j4"
done
ok "$runs builds of $n HTML/XML files with -j 4: none hung, each the same as -j 1"
echo "$NCHECKS checks passed"
