#!/usr/bin/env bash
# diplograph query, the command: usage errors exit 2; a bad query, a bad
# data file or a missing store exit 1 with a message naming the file (and
# line); every output format is what it says (table, SPARQL 1.1 CSV/TSV,
# SPARQL 1.1 JSON); ASK and CONSTRUCT work; output is deterministic; the
# hashes store is read with --store hashes.
# usage: bash tests/cli/query_cli.sh PATH_TO_diplograph REPO_ROOT
source "$(dirname "$0")/lib/dgtest.sh"
source "$(dirname "$0")/lib/store.sh"
SAMPLE="$ROOT/tests/data/store/sample.nq"
Q="$ROOT/queries/cochairs.rq"

# usage
expect_status 2 "$DG" query
expect_status 2 "$DG" query "$SAMPLE" "$Q" -r xml
expect_stderr "table, csv, tsv or json"
expect_status 2 "$DG" query --store hashes "$SAMPLE" "$Q"
expect_status 2 "$DG" query --store mysql "$Q"
expect_stderr "not a store type"
expect_status 2 "$DG" query --store sqlite --store-options "host=x" "$Q"
expect_stderr "no key 'host'"
expect_status 0 "$DG" query --help
ok "usage errors exit 2"

# errors name the file
expect_status 1 "$DG" query "$SAMPLE" "$T/none.rq"
expect_stderr "none\.rq: No such file"
printf 'PREFIX dg: <https://w3id.org/diplograph/ontology#>\nSELECT ?x\nWHERE { ?x dg:coChair }\n' >"$T/bad.rq"
expect_status 1 "$DG" query "$SAMPLE" "$T/bad.rq"
expect_stderr "bad\.rq:3: "
printf '<http://a> <http://b> <http://c> <http://g> .\n<http://a> <http://b> "unterminated <http://g> .\n' >"$T/bad.nq"
expect_status 1 "$DG" query "$T/bad.nq" "$Q"
expect_stderr "bad\.nq:2: "
expect_status 1 "$DG" query "$T/none.ttl" "$Q"
expect_stderr "none\.ttl: No such file"
mkdir "$T/empty"
(cd "$T/empty" && expect_status 1 "$DG" query -e 'ASK {}')
expect_stderr "out/kg\.sqlite: No such file or directory \(run diplograph build first\)"
ok "query and input errors exit 1, naming the file and line"

# formats
expect_status 0 "$DG" query "$SAMPLE" "$Q"
cp "$T/stdout" "$T/table1"
head -1 "$T/table1" | grep -Eq '^country +\| name +\| events +\| first +\| last$' || fail "table header"
sed -n 2p "$T/table1" | grep -Eq '^-+\+-+\+-+\+-+\+-+$' || fail "table rule"
grep -Eq '^id:country/united-states +\| United States +\| 3 +\| 2019 +\| 2022$' "$T/table1" ||
  { cat "$T/table1" >&2; fail "table row for the United States"; }
tail -1 "$T/table1" | grep -Eq '^\(6 rows\)$' || fail "table row count"
expect_status 0 "$DG" query "$SAMPLE" "$Q"
cmp -s "$T/stdout" "$T/table1" || fail "two runs print different tables"
ok "table: header, rule, prefixed IRIs, row count; the same twice"

expect_status 0 "$DG" query "$SAMPLE" "$Q" -r csv
printf 'country,name,events,first,last\r\n' | cmp -s - <(head -1 "$T/stdout") || fail "csv header"
grep -q '^https://w3id.org/diplograph/id/country/united-states,United States,3,2019,2022' "$T/stdout" || fail "csv row"
expect_status 0 "$DG" query "$SAMPLE" "$Q" -r tsv
head -1 "$T/stdout" | grep -q $'^?country\t?name\t?events\t?first\t?last$' || fail "tsv header"
grep -q $'^<https://w3id.org/diplograph/id/country/united-states>\t"United States"\t3\t"2019"\t"2022"$' "$T/stdout" ||
  fail "tsv row"
expect_status 0 "$DG" query "$SAMPLE" "$Q" -r json
$PY - "$T/stdout" <<'PY' || fail "json"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["head"]["vars"] == ["country", "name", "events", "first", "last"], d["head"]
rows = d["results"]["bindings"]
assert len(rows) == 6, len(rows)
us = rows[0]
assert us["country"] == {"type": "uri", "value": "https://w3id.org/diplograph/id/country/united-states"}, us
assert us["events"] == {"type": "literal", "value": "3", "datatype": "http://www.w3.org/2001/XMLSchema#integer"}, us
sg = [r for r in rows if r["name"]["value"] == "Singapore"][0]
assert "first" not in sg and "last" not in sg, sg  # unbound: left out
PY
ok "csv, tsv and json are SPARQL 1.1 results formats"

# an escaping-heavy literal through csv and json
expect_status 0 "$DG" query "$SAMPLE" -r csv -e 'PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
  SELECT DISTINCT ?l WHERE { ?x rdfs:label ?l FILTER (CONTAINS(?l, "Alpha")) }'
printf 'l\r\n"Meeting ""Alpha, Beta"""\r\n' | cmp -s - "$T/stdout" || { od -c "$T/stdout" >&2; fail "csv quoting"; }
ok "csv quotes commas and quotes"

expect_status 0 "$DG" query "$SAMPLE" -e 'PREFIX dg: <https://w3id.org/diplograph/ontology#> ASK { ?e dg:plannedNext ?n }'
[ "$(cat "$T/stdout")" = true ] || fail "ASK"
expect_status 0 "$DG" query "$SAMPLE" -e 'PREFIX dg: <https://w3id.org/diplograph/ontology#>
  CONSTRUCT { ?n dg:plannedBy ?e } WHERE { ?e dg:plannedNext ?n }'
[ "$(sort -u "$T/stdout" | grep -c .)" = 2 ] || { cat "$T/stdout" >&2; fail "CONSTRUCT"; }
rapper_clean ntriples "$T/stdout"
ok "ASK prints true/false, CONSTRUCT prints N-Triples"

# the hashes store
build "$T/out" "$ROOT/corpus" --no-dot --no-html --store hashes
expect_status 0 "$DG" query --store hashes --store-options "dir=$T/out" "$Q" -r csv
[ "$(grep -c . "$T/stdout")" -ge 2 ] || fail "no co-chair from the hashes store"
ok "--store hashes"
echo "$NCHECKS checks passed"
