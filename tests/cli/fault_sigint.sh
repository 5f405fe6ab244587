#!/usr/bin/env bash
# SIGINT (and SIGTERM) in the middle of a build of a large generated corpus:
# during extraction, and while the outputs are being written (the moment its
# staging directory appears, then again well into the store load). The
# process ends by the signal (exit status 130 for SIGINT, 143 for SIGTERM),
# the previous outputs stay byte-identical, and no temporary, journal or
# staging file is left. A build afterwards succeeds.
# usage: bash tests/cli/fault_sigint.sh PATH_TO_diplograph REPO_ROOT
source "$(dirname "$0")/lib/dgtest.sh"
source "$(dirname "$0")/lib/robusthelp.sh"
BIG="$T/big"
mkdir -p "$BIG"
# 300 statements with distinct names (so the graph, and the store load, are large)
$PY - "$ROOT/corpus" "$BIG" 300 <<'EOF'
import glob, os, re, sys
src, dst, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
texts = [open(f, encoding="utf-8").read() for f in sorted(glob.glob(src + "/*.txt"))]
words = ["Alpha", "Bravo", "Coral", "Delta", "Echo", "Fjord", "Garnet", "Harbor", "Indigo", "Jade"]
for i in range(n):
    tag = words[i % 10] + words[(i // 10) % 10] + words[(i // 100) % 10]
    t = texts[i % len(texts)].replace("Cyber", tag + " Cyber").replace("Dialogue", tag + " Dialogue")
    t = re.sub(r"\b(20\d\d)\b", lambda m: str(2000 + (int(m.group(1)) + i) % 40), t)
    open(os.path.join(dst, "doc%04d.txt" % i), "w", encoding="utf-8").write(t)
EOF
OUT="$T/out"
build "$OUT" "$ROOT/corpus"
snapshot "$OUT" before

# interrupt SIGNAL WANT_STATUS WHEN: starts the big build, sends SIGNAL at
# WHEN (a number of seconds after its handlers are installed, "staging" for
# the moment the staging directory appears, or "staging+N" for N seconds
# after that), and checks the status and the output directory.
interrupt() {
  local sig="$1" want="$2" when="$3" pid rc=0 waited=0
  # a script's `&` starts commands with SIGINT ignored (and diplograph then
  # keeps it ignored, as it should): restore the default for the build
  $PY -c 'import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execv(sys.argv[1], sys.argv[1:])' \
    "$DG" build -q -o "$OUT" "$BIG" >"$T/stdout" 2>"$T/stderr" &
  pid=$!
  # wait until diplograph catches the signal (its handler is installed)
  until [ $(( 0x$(awk '/^SigCgt:/ {print $2}' /proc/$pid/status 2>/dev/null || echo 0) & 2 )) != 0 ]; do
    kill -0 $pid 2>/dev/null || fail "the build ended before it caught SIGINT"
    sleep 0.01
  done
  case "$when" in
    staging*)
      until compgen -G "$OUT/.staging.*" >/dev/null; do
        kill -0 $pid 2>/dev/null || fail "the build ended before writing started"
        sleep 0.01
        waited=$((waited + 1))
        [ $waited -lt 60000 ] || fail "no staging directory after 600 s"
      done
      [ "$when" = staging ] || sleep "${when#staging+}"
      ;;
    *) sleep "$when" ;;
  esac
  kill -0 $pid 2>/dev/null || fail "the build ended before the signal ($when)"
  kill -"$sig" $pid
  wait $pid || rc=$?
  [ "$rc" = "$want" ] || { cat "$T/stderr" >&2; fail "SIG$sig at $when: exit $rc, want $want"; }
  same_files "$T/before" "$OUT"
  no_temps "$OUT"
  ok "SIG$sig at $when: exit $rc, previous outputs byte-identical, nothing left behind"
}

interrupt INT 130 0.3
interrupt INT 130 staging
interrupt INT 130 staging+2
interrupt TERM 143 staging+1

# nothing stale stands in the way of the next build
build "$OUT" "$ROOT/corpus"
same_files "$T/before" "$OUT"
ok "a build after the interruptions succeeds and writes the same outputs"
echo "$NCHECKS checks passed"
