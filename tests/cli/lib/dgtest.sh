# dgtest.sh: shared by the CLI tests (tests/cli/*.sh), which are run as
#   bash tests/cli/NAME.sh PATH_TO_diplograph REPO_ROOT
# Source it first; it sets DG (the binary), ROOT, T (a temporary directory
# removed on exit), PY (Debian's python3, which has rdflib) and RDFCHECK, and
# defines the helpers below. A test fails through fail(), which names the
# check; exit 0 means every check held.
set -euo pipefail
DG="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
ROOT="$(cd "$2" && pwd)"
export DIPLOGRAPH_ONTOLOGY="${DIPLOGRAPH_ONTOLOGY:-$ROOT/ontology}"
T="$(mktemp -d "${TMPDIR:-/tmp}/dgtest.XXXXXX")"
trap 'chmod -R u+rwx "$T" 2>/dev/null; rm -rf "$T"' EXIT
PY=/usr/bin/python3
RDFCHECK="$ROOT/tests/cli/lib/rdfcheck.py"
NCHECKS=0

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

ok() {
  NCHECKS=$((NCHECKS + 1))
  echo "ok: $*"
}

# expect_status WANT CMD...: runs CMD (stdout to $T/stdout, stderr to
# $T/stderr) and fails unless it exits with WANT.
expect_status() {
  local want="$1" got=0
  shift
  "$@" >"$T/stdout" 2>"$T/stderr" || got=$?
  if [ "$got" != "$want" ]; then
    echo "--- stdout" >&2; cat "$T/stdout" >&2
    echo "--- stderr" >&2; cat "$T/stderr" >&2
    fail "'$*' exited $got, want $want"
  fi
}

# expect_stderr REGEX: the last command's stderr matches (extended regex).
expect_stderr() {
  grep -Eq -- "$1" "$T/stderr" || { cat "$T/stderr" >&2; fail "stderr does not match /$1/"; }
}

# build OUTDIR [ARGS...]: a quiet build that must succeed.
build() {
  local out="$1"
  shift
  expect_status 0 "$DG" build -q -o "$out" "$@"
}

# rapper_clean SYNTAX FILE: raptor parses FILE with no error or warning.
rapper_clean() {
  local rc=0
  rapper -i "$1" -c "$2" >/dev/null 2>"$T/rapper.err" || rc=$?
  if [ "$rc" != 0 ] || grep -Ev '^rapper: (Parsing URI .* with parser|Parsing returned [0-9]+ (triple|statement)s?$)' \
       "$T/rapper.err" | grep -q .; then
    cat "$T/rapper.err" >&2
    fail "rapper -i $1 $2 is not clean (exit $rc)"
  fi
}

# same_files DIR_A DIR_B: the same file names, byte-identical contents.
same_files() {
  local a="$1" b="$2" f
  diff <(cd "$a" && find . -type f | LC_ALL=C sort) <(cd "$b" && find . -type f | LC_ALL=C sort) >&2 ||
    fail "$a and $b hold different files"
  while read -r f; do
    cmp -s "$a/$f" "$b/$f" || { diff "$a/$f" "$b/$f" | head -20 >&2 || true; fail "$f differs between $a and $b"; }
  done < <(cd "$a" && find . -type f | LC_ALL=C sort)
}

# snapshot DIR NAME: copies DIR to $T/NAME for a later same_files.
snapshot() {
  rm -rf "${T:?}/$2"
  cp -a "$1" "$T/$2"
}

command -v rapper >/dev/null || fail "rapper not installed (Debian raptor2-utils)"
$PY -c 'import rdflib' 2>/dev/null || fail "$PY has no rdflib (Debian python3-rdflib)"
