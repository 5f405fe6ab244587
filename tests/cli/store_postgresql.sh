#!/usr/bin/env bash
# --store postgresql, against a throwaway PostgreSQL server this test starts
# itself (scripts/pg-start: its own cluster in a temporary directory, its
# own user, a loopback port) and stops at the end. No server is a failure,
# not a skip. The model holds exactly the quads of graph.nq and evidence.nq,
# each in its graph, none twice, also after rebuilds; rdfproc reads it; the
# queries of queries/ answer as on the sqlite store of the same build; and a
# build whose load fails half way leaves the previous model whole.
# usage: bash tests/cli/store_postgresql.sh PATH_TO_diplograph REPO_ROOT
source "$(dirname "$0")/lib/dgtest.sh"
source "$(dirname "$0")/lib/store.sh"
OUT="$T/out"
PGD="$(mktemp -d "${TMPDIR:-/tmp}/dg-pg.XXXXXX")"
trap '"$ROOT/scripts/pg-stop" "$PGD"; chmod -R u+rwx "$T" 2>/dev/null; rm -rf "$T"' EXIT
trap 'exit 130' INT # so that a test killed by its runner stops its server too
trap 'exit 143' TERM

"$ROOT/scripts/pg-start" "$PGD" >"$T/pg-start.log" 2>&1 ||
  { cat "$T/pg-start.log" >&2; fail "cannot start a PostgreSQL server (apt-get install postgresql)"; }
# shellcheck disable=SC1091
source "$PGD/env"
PSQL="$PG_BINDIR/psql"
ok "a PostgreSQL server on 127.0.0.1:$PGPORT"

pg_quads() { same_quads "$OUT" "postgresql:$DG_PG_OPTIONS" "$1"; }
model_rows() { # the rows of the model "kg"'s statements table
  local id
  id=$("$PSQL" -tAc "SELECT ID FROM Models WHERE Name = 'kg'")
  [ -n "$id" ] || fail "no model kg in the Models table"
  "$PSQL" -tAc "SELECT count(*) FROM Statements$id"
}

build "$OUT" "$ROOT/corpus" --no-dot --no-html --store postgresql --store-options "$DG_PG_OPTIONS"
[ ! -e "$OUT/kg.sqlite" ] || fail "--store postgresql also wrote kg.sqlite"
pg_quads "the PostgreSQL model does not hold graph.nq + evidence.nq"
n=$(nquads "$OUT")
[ "$(model_rows)" = "$n" ] || fail "the statements table has $(model_rows) rows, want $n"
ok "model kg holds the $n quads of graph.nq and evidence.nq, in their graphs"

rdfproc -s postgresql -t "host='$PGHOST',port='$PGPORT',database='$PGDATABASE',user='$PGUSER',password='$PGPASSWORD'" \
  kg query sparql - 'SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } }' >"$T/rdfproc.out" 2>/dev/null ||
  fail "rdfproc cannot query the PostgreSQL store"
[ "$(grep -c '^result:' "$T/rdfproc.out")" = "$n" ] || fail "rdfproc finds other than $n quads"
ok "rdfproc -s postgresql queries it"

# every library query answers as on the sqlite store of the same build
build "$T/sq" "$ROOT/corpus" --no-dot --no-html
for q in "$ROOT"/queries/*.rq; do
  "$DG" query --store postgresql --store-options "$DG_PG_OPTIONS" "$q" -r tsv >"$T/pg.tsv" ||
    fail "$(basename "$q") fails on PostgreSQL"
  "$DG" query "$T/sq/kg.sqlite" "$q" -r tsv >"$T/sq.tsv"
  cmp -s "$T/pg.tsv" "$T/sq.tsv" || { diff "$T/sq.tsv" "$T/pg.tsv" | head >&2; fail "$(basename "$q"): PostgreSQL and sqlite differ"; }
done
ok "the queries of queries/ answer alike on PostgreSQL and sqlite"

build "$OUT" "$ROOT/corpus" --no-dot --no-html --store postgresql --store-options "$DG_PG_OPTIONS"
pg_quads "a second build changed or duplicated the PostgreSQL model"
build "$OUT" "$ROOT/corpus/001_2793f0ddd5c9fca8.txt" --no-dot --no-html --store postgresql \
  --store-options "$DG_PG_OPTIONS"
pg_quads "a smaller rebuild did not replace the PostgreSQL model"
[ "$(model_rows)" -lt "$n" ] || fail "the smaller rebuild kept $(model_rows) rows"
[ "$("$PSQL" -tAc "SELECT count(*) FROM Models")" = 1 ] || fail "models left behind: $("$PSQL" -tAc "SELECT Name FROM Models")"
ok "rebuilds replace the model, never add to it, and leave no other model"

# A load that fails half way: the table the next build loads into (model
# "kg.tmp") takes no row. The build fails; model kg stays as it was.
before=$(model_rows)
tmpid=$($PY -c 'import hashlib; print(int.from_bytes(hashlib.md5(b"kg.tmp").digest()[:8], "little"))')
"$PSQL" -qc "CREATE TABLE Statements$tmpid (Subject numeric(20) NOT NULL, Predicate numeric(20) NOT NULL,
  Object numeric(20) NOT NULL, Context numeric(20) NOT NULL, CHECK (Subject < 0))"
expect_status 1 "$DG" build -q -o "$OUT" --no-dot --no-html --store postgresql \
  --store-options "$DG_PG_OPTIONS" "$ROOT/corpus"
expect_stderr "postgresql://127\.0\.0\.1:$PGPORT/kg model kg"
[ "$(model_rows)" = "$before" ] || fail "the failed build changed model kg"
pg_quads "the failed build changed model kg"
ok "a load that fails: exit 1, message names the store, previous model intact"
"$PSQL" -qc "DROP TABLE Statements$tmpid"
build "$OUT" "$ROOT/corpus" --no-dot --no-html --store postgresql --store-options "$DG_PG_OPTIONS"
pg_quads "the build after a failed one"
ok "the next build succeeds"

expect_status 1 "$DG" query --store postgresql --store-options "${DG_PG_OPTIONS/password=/password=x}" -e 'ASK {}'
expect_stderr "postgresql://127\.0\.0\.1:$PGPORT/kg"
ok "a wrong password: exit 1, message names the server"
echo "$NCHECKS checks passed"
