#!/usr/bin/env bash
# Filesystem trouble among the inputs: an unreadable file and directory, a
# symlink loop (to itself, and a directory loop), a dangling symlink, a FIFO
# named .txt, a missing argument, two files with one name, and a file that
# vanishes between listing and reading. Each gives a one-line error naming
# the path and the reason while the other files are processed (exit 1), or,
# for a directory loop that loses nothing, a warning (exit 0). Nothing hangs.
# With --fail-fast the run stops and the previous outputs stay.
#
# Root reads files whatever their mode, so the unreadable cases run as user
# nobody (setpriv) when the test runs as root. The vanishing file is removed
# by an inotify watcher the moment diplograph opens the first input (listing
# is over by then; -j1 reads in name order, so the victim, last in order, is
# read well after).
# usage: bash tests/cli/robust_files.sh PATH_TO_diplograph REPO_ROOT
source "$(dirname "$0")/lib/dgtest.sh"
source "$(dirname "$0")/lib/robusthelp.sh"
GOOD="$(ls "$ROOT"/corpus/*.txt | head -1)"
good="$(basename "$GOOD")"
chmod 755 "$T"
newdir() { rm -rf "$T/$1"; mkdir -p "$T/$1"; cp "$GOOD" "$T/$1/"; echo "$T/$1"; }
TO=60 # seconds: a hang fails instead of blocking the suite

# --- unreadable file and directory
D=$(newdir perm)
printf 'The Dialogue was held in Tokyo.\n' >"$D/secret.txt"
mkdir "$D/closed" && printf 'The Summit was held in Hanoi.\n' >"$D/closed/inner.txt"
chmod 000 "$D/secret.txt" "$D/closed"
mkdir -m 777 "$T/perm-out"
expect_status 1 as_nobody timeout $TO "$DG" build -o "$T/perm-out" "$D"
chmod 755 "$D/closed"
one_line_messages
expect_stderr "^diplograph: error: $D/secret\.txt: Permission denied \(skipped\)$"
expect_stderr "^diplograph: error: $D/closed: Permission denied \(skipped\)$"
has_doc "$T/perm-out" "$good"
outputs_parse "$T/perm-out"
ok "unreadable file and directory: one-line errors, the rest built, exit 1"

# --- symlink loops
D=$(newdir loops)
ln -s loop.txt "$D/loop.txt"
ln -s b.txt "$D/a.txt" && ln -s a.txt "$D/b.txt"
expect_status 1 timeout $TO "$DG" build -o "$T/loops-out" "$D"
one_line_messages
for f in loop.txt a.txt b.txt; do
  expect_stderr "^diplograph: error: $D/$f: Too many levels of symbolic links \(skipped\)$"
done
has_doc "$T/loops-out" "$good"
ok "symlink loops between files: one-line errors, the rest built, exit 1"

D=$(newdir dirloop)
mkdir "$D/sub" && ln -s .. "$D/sub/up" && ln -s "$D" "$D/sub/abs"
expect_status 0 timeout $TO "$DG" build -o "$T/dirloop-out" "$D"
one_line_messages
expect_stderr "^diplograph: warning: $D/sub/up: directory loop, not followed$"
[ "$(grep -c "ontology#sourceFile> \"$good\"" "$T/dirloop-out/graph.nq")" = 1 ] ||
  fail "a directory loop read a file twice"
ok "a directory loop is walked once, with a warning, exit 0"

# --- dangling symlink, FIFO, missing argument, a name used twice
D=$(newdir misc)
ln -s no-such-target.txt "$D/gone.txt"
mkfifo "$D/fifo.txt"
mkdir -p "$T/other" && cp "$GOOD" "$T/other/"
expect_status 1 timeout $TO "$DG" build -o "$T/misc-out" "$D" "$T/missing.txt" "$T/other/$good"
one_line_messages
expect_stderr "^diplograph: error: $D/gone\.txt: No such file or directory \(skipped\)$"
expect_stderr "^diplograph: error: $D/fifo\.txt: not a regular file \(skipped\)$"
expect_stderr "^diplograph: error: $T/missing\.txt: No such file or directory \(skipped\)$"
# both files named by the paths given; the later in order (base name, then path) is dropped
expect_stderr "^diplograph: error: $T/other/$good: has the same document name '[^']+' as $D/$good \(.*rename one\) \(skipped\)$"
has_doc "$T/misc-out" "$good"
outputs_parse "$T/misc-out"
ok "dangling link, FIFO, missing argument, duplicate name: one-line errors, exit 1"

# a FIFO or a device named on the command line is refused, never waited on
expect_status 1 timeout $TO "$DG" build -o "$T/fifo-out" "$D/fifo.txt" "$GOOD"
expect_stderr "fifo\.txt: not a regular file \(skipped\)"
expect_status 1 timeout $TO "$DG" build -o "$T/dev-out" /dev/zero "$GOOD"
expect_stderr "/dev/zero: not a regular file \(skipped\)"
ok "a FIFO or /dev/zero as an argument: refused at once"

# --- a file that vanishes between listing and reading
D=$(newdir vanish)
$PY - "$GOOD" "$D" <<'EOF'
import sys
text = open(sys.argv[1], encoding="utf-8").read()
open(sys.argv[2] + "/0000_first.txt", "w").write(text * 300)  # a slow first read
for i in range(5):
    open(sys.argv[2] + "/m%d.txt" % i, "w").write(text)
open(sys.argv[2] + "/zzzz_victim.txt", "w").write(text)
EOF
rc=0
$PY - "$DG" "$D" "$T/vanish-out" 0000_first.txt zzzz_victim.txt >"$T/stderr" <<'EOF' || rc=$?
import ctypes, os, select, struct, subprocess, sys
dg, d, out, trigger, victim = sys.argv[1:6]
libc = ctypes.CDLL(None, use_errno=True)
fd = libc.inotify_init()
if fd < 0 or libc.inotify_add_watch(fd, d.encode(), 0x20) < 0:  # IN_OPEN
    sys.exit("inotify is not available: errno %d" % ctypes.get_errno())
p = subprocess.Popen([dg, "build", "-j1", "-q", "-o", out, d],
                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
removed = False
while not removed and p.poll() is None:
    if not select.select([fd], [], [], 1)[0]:
        continue
    buf, i = os.read(fd, 65536), 0
    while i < len(buf):
        _, _, _, n = struct.unpack_from("iIII", buf, i)
        name = buf[i + 16:i + 16 + n].rstrip(b"\0").decode()
        i += 16 + n
        if name == trigger and not removed:
            os.unlink(os.path.join(d, victim))
            removed = True
err = p.communicate(timeout=600)[1].decode()
sys.stdout.write(err)
if not removed:
    sys.exit(99)
sys.exit(p.returncode)
EOF
[ $rc != 99 ] || fail "the victim was not removed in time (diplograph ended first)"
[ $rc = 1 ] || { cat "$T/stderr" >&2; fail "vanishing file: exit $rc, want 1"; }
one_line_messages
expect_stderr "^diplograph: error: $D/zzzz_victim\.txt: No such file or directory \(skipped\)$"
for f in 0000_first.txt m0.txt m4.txt; do has_doc "$T/vanish-out" "$f"; done
ok "a file removed after listing: one-line error at reading, the rest built, exit 1"

# --- --fail-fast on a listing problem: stop, nothing written over the previous run
build "$T/ff-out" "$GOOD"
snapshot "$T/ff-out" before
expect_status 1 timeout $TO "$DG" build --fail-fast -o "$T/ff-out" "$T/misc"
one_line_messages
expect_stderr "^diplograph: error: $T/misc/(gone|fifo)\.txt: "
[ "$(wc -l <"$T/stderr")" = 1 ] || fail "--fail-fast reported more than the first problem"
same_files "$T/before" "$T/ff-out"
no_temps "$T/ff-out"
ok "--fail-fast: stops at the first unreadable entry, previous outputs intact"
echo "$NCHECKS checks passed"
