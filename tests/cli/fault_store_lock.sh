#!/usr/bin/env bash
# A store locked by another process: out/kg.sqlite held under BEGIN EXCLUSIVE
# (a writer in the middle of a transaction) while diplograph builds into out/.
#
# Wanted: exit 1 with a one-line error naming kg.sqlite and the lock, the
# previous outputs byte-identical, no temporaries. Today dg_store writes the
# store to a new file and renames it over kg.sqlite, so the build succeeds
# and the writer goes on in a file that is no longer the store (its commit is
# lost). That is reported; until it changes this test says XFAIL and checks
# what does hold: the run ends, the new store is sound, the writer can still
# finish, and nothing temporary is left. Once the build refuses, the strict
# checks above run instead.
# usage: bash tests/cli/fault_store_lock.sh PATH_TO_diplograph REPO_ROOT
source "$(dirname "$0")/lib/dgtest.sh"
source "$(dirname "$0")/lib/robusthelp.sh"
OUT="$T/out"
build "$OUT" "$ROOT/corpus"
[ -s "$OUT/kg.sqlite" ] || fail "the default build wrote no kg.sqlite"
snapshot "$OUT" before

# the writer: takes the lock, says so, holds it until $T/release exists, then
# tries to commit a row and reports what became of it
$PY - "$OUT/kg.sqlite" "$T/release" >"$T/locker.out" 2>&1 <<'EOF' &
import os, sqlite3, sys, time
db, release = sys.argv[1], sys.argv[2]
c = sqlite3.connect(db, isolation_level=None, timeout=0)
c.execute("BEGIN EXCLUSIVE")
c.execute("CREATE TABLE IF NOT EXISTS dg_lock_test (x)")
c.execute("INSERT INTO dg_lock_test VALUES (1)")
print("locked", flush=True)
for _ in range(3000):
    if os.path.exists(release):
        break
    time.sleep(0.1)
c.execute("COMMIT")
print("committed", flush=True)
EOF
locker=$!
for _ in $(seq 300); do grep -q locked "$T/locker.out" && break; sleep 0.1; done
grep -q locked "$T/locker.out" || fail "the locker did not get its lock: $(cat "$T/locker.out")"

rc=0
timeout 300 "$DG" build -q -o "$OUT" "$ROOT/corpus" >"$T/stdout" 2>"$T/stderr" || rc=$?
touch "$T/release"
wait $locker || fail "the locker failed: $(cat "$T/locker.out")"
one_line_messages
case $rc in
  1)
    expect_stderr "kg\.sqlite.*lock"
    # the writer's committed row is in the store the build left alone
    $PY -c 'import sqlite3,sys; sys.exit(0 if sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM dg_lock_test").fetchone()[0] == 1 else 1)' \
      "$OUT/kg.sqlite" || fail "the writer's commit is not in kg.sqlite"
    rm -f "$T/before/kg.sqlite" && cp "$OUT/kg.sqlite" "$T/before/kg.sqlite"
    same_files "$T/before" "$OUT"
    no_temps "$OUT"
    ok "a locked kg.sqlite: exit 1 naming the lock, previous outputs intact, the writer's commit kept"
    ;;
  0)
    echo "XFAIL: the build replaced a kg.sqlite that another process held locked (the writer's commit went to the old file)"
    $PY -c 'import sqlite3,sys; sys.exit(0 if sqlite3.connect(sys.argv[1]).execute("PRAGMA integrity_check").fetchone()[0] == "ok" else 1)' \
      "$OUT/kg.sqlite" || fail "the new kg.sqlite is not sound"
    no_temps "$OUT"
    ok "a locked kg.sqlite (today): the run ends, the new store is sound, the writer finishes, no temporaries"
    ;;
  *)
    cat "$T/stderr" >&2
    fail "build with a locked kg.sqlite: exit $rc"
    ;;
esac
echo "$NCHECKS checks passed"
