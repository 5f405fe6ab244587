#!/usr/bin/env bash
# A store locked by another process: out/kg.sqlite held under BEGIN EXCLUSIVE
# (a writer in the middle of a transaction) while diplograph builds into out/.
#
# Wanted: exit 1 with a one-line error naming kg.sqlite and the lock (after
# waiting DG_STORE_LOCK_WAIT_MS, 10 s), the previous outputs byte-identical,
# no temporaries, and the writer's commit in the store. (A build that renamed
# a new store over the locked file would send the writer's commit to a file
# that is no longer the store.)
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
  *)
    cat "$T/stderr" >&2
    fail "build with a locked kg.sqlite: exit $rc"
    ;;
esac

# a reader in the middle of a read transaction does not stop a rebuild: it
# goes on reading the old file, and the build replaces kg.sqlite
rm -f "$T/release"
$PY - "$OUT/kg.sqlite" "$T/release" >"$T/reader.out" 2>&1 <<'EOF' &
import os, sqlite3, sys, time
db, release = sys.argv[1], sys.argv[2]
c = sqlite3.connect(db, isolation_level=None, timeout=0)
c.execute("BEGIN")
print("reading", c.execute("SELECT count(*) FROM triples").fetchone()[0], flush=True)
for _ in range(3000):
    if os.path.exists(release):
        break
    time.sleep(0.1)
print("still", c.execute("SELECT count(*) FROM triples").fetchone()[0], flush=True)
c.execute("COMMIT")
EOF
reader=$!
for _ in $(seq 300); do grep -q reading "$T/reader.out" && break; sleep 0.1; done
grep -q reading "$T/reader.out" || fail "the reader did not start: $(cat "$T/reader.out")"
rc=0
"$DG" build -q -o "$OUT" "$ROOT/corpus" >"$T/stdout" 2>"$T/stderr" || rc=$?
touch "$T/release"
wait $reader || fail "the reader failed: $(cat "$T/reader.out")"
[ $rc = 0 ] || { cat "$T/stderr" >&2; fail "a build beside a reader: exit $rc"; }
$PY - "$OUT/kg.sqlite" <<'EOF' || fail "kg.sqlite after a build beside a reader is not the new store"
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
ok = c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
old = c.execute("SELECT name FROM sqlite_master WHERE name = 'dg_lock_test'").fetchall()
sys.exit(0 if ok and not old else 1)
EOF
no_temps "$OUT"
ok "a reader of kg.sqlite does not stop a rebuild; the new store replaces it"
echo "$NCHECKS checks passed"
