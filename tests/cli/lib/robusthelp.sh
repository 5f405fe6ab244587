# robusthelp.sh: helpers of the robustness and fault tests (tests/cli/robust_*.sh,
# tests/cli/fault_*.sh), sourced after lib/dgtest.sh.

# outputs_parse DIR: graph.nq, graph.ttl and evidence.nq parse cleanly with
# rapper, rdflib reads all three, and the quads' union is the Turtle graph.
outputs_parse() {
  local d="$1"
  rapper_clean nquads "$d/graph.nq"
  rapper_clean turtle "$d/graph.ttl"
  rapper_clean nquads "$d/evidence.nq"
  $PY "$RDFCHECK" count "$d/evidence.nq" >/dev/null || fail "$d/evidence.nq: rdflib cannot read it"
  $PY "$RDFCHECK" union "$d/graph.nq" "$d/graph.ttl" >/dev/null || fail "$d: union of quads != Turtle"
}

# no_temps DIR: nothing hidden (temporaries, staging directories) left in DIR.
no_temps() {
  local left
  left=$(find "$1" -mindepth 1 -name '.*' 2>/dev/null | head -3)
  [ -z "$left" ] || fail "temporary files left behind: $left"
}

# has_doc DIR FILE_NAME: graph.nq has a document with that dg:sourceFile.
has_doc() {
  grep -qF "ontology#sourceFile> \"$2\"" "$1/graph.nq" || fail "$1/graph.nq: no document for $2"
}

# doc_quads DIR FILE_NAME: the quads of that document's graph, minus labels
# (labels are chosen over the whole run, so other documents may change them).
doc_quads() {
  local g
  g=$(grep -F "ontology#sourceFile> \"$2\"" "$1/graph.nq" | awk '{print $1}')
  [ -n "$g" ] || fail "$1/graph.nq: no document for $2"
  awk -v g="$g" '$NF == "." && $(NF - 1) == g' "$1/graph.nq" |
    grep -vE '#(label|altLabel)> ' | LC_ALL=C sort
}

# one_line_messages: every line of the last command's stderr is a diplograph
# message (a multi-line message would show as a line without the prefix).
one_line_messages() {
  local bad
  bad=$(grep -v '^diplograph: ' "$T/stderr" | head -3 || true)
  [ -z "$bad" ] || fail "stderr has lines that are not one-line messages: $bad"
}

# as_nobody CMD...: runs CMD as user nobody when we are root (root reads any
# file whatever its mode), else as ourselves.
as_nobody() {
  if [ "$(id -u)" -eq 0 ]; then
    setpriv --reuid=nobody --regid=nogroup --clear-groups -- "$@"
  else
    "$@"
  fi
}
