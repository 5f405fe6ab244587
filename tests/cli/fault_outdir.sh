#!/usr/bin/env bash
# Output faults: an output directory that cannot be written (a read-only
# mount, or one owned by someone else), one below a plain file, and a full
# disk (a small tmpfs, and a file size limit). Each run exits 1 with a
# one-line error naming the file or directory and the reason, the previous
# outputs stay byte-identical, and no temporary or staging file is left.
#
# As root the test runs in its own mount namespace (unshare -m) so that its
# tmpfs and read-only bind mounts vanish with it; the other-owner case runs
# as user nobody (setpriv). Without root, chmod stands in for the read-only
# mount and the tmpfs case is skipped (the file size limit still runs).
# usage: bash tests/cli/fault_outdir.sh PATH_TO_diplograph REPO_ROOT
if [ "$(id -u)" -eq 0 ] && [ -z "${DG_IN_NS:-}" ] && unshare -m true 2>/dev/null; then
  DG_IN_NS=1 exec unshare -m bash "$0" "$@"
fi
source "$(dirname "$0")/lib/dgtest.sh"
source "$(dirname "$0")/lib/robusthelp.sh"
IN="$ROOT/corpus"
chmod 755 "$T"
can_mount=0
[ -n "${DG_IN_NS:-}" ] && mount --make-rprivate / 2>/dev/null && can_mount=1

# fails_intact WHAT REGEX CMD...: CMD exits 1 with a one-line error matching
# REGEX, and $OUT is as it was before.
fails_intact() {
  local what="$1" re="$2"
  shift 2
  expect_status 1 "$@"
  one_line_messages
  expect_stderr "$re"
  same_files "$T/before" "$OUT"
  no_temps "$OUT"
  ok "$what: exit 1, one-line error, previous outputs intact, no temporaries"
}

OUT="$T/out"
build "$OUT" "$IN"
snapshot "$OUT" before

# --- a read-only output directory
if [ $can_mount = 1 ]; then
  mount --bind "$OUT" "$OUT" && mount -o remount,bind,ro "$OUT"
  fails_intact "read-only mount" "^diplograph: error: $OUT: not writable: Read-only file system$" \
    "$DG" build -o "$OUT" "$IN"
  umount "$OUT"
elif [ "$(id -u)" -ne 0 ]; then
  chmod 555 "$OUT"
  fails_intact "read-only directory" "^diplograph: error: $OUT: not writable: Permission denied$" \
    "$DG" build -o "$OUT" "$IN"
  chmod 755 "$OUT"
else
  echo "skipped: read-only mount (root without a mount namespace; mode bits do not stop root)"
fi

# --- a directory someone else owns (as nobody when root)
if [ "$(id -u)" -eq 0 ]; then
  fails_intact "a directory owned by another user" "^diplograph: error: $OUT: not writable: Permission denied$" \
    as_nobody "$DG" build -o "$OUT" "$IN"
fi

# --- an output directory below a plain file
: >"$T/plain"
expect_status 1 "$DG" build -o "$T/plain/out" "$IN"
one_line_messages
expect_stderr "^diplograph: error: $T/plain/out: (cannot create directory: )?Not a directory$"
[ ! -s "$T/plain" ] || fail "the plain file was written"
ok "an output directory below a plain file: exit 1, one-line error"

# --- a full disk: a tmpfs holding the previous outputs and little more
if [ $can_mount = 1 ]; then
  FULL="$T/full"
  mkdir -p "$FULL"
  mount -t tmpfs -o size=8m tmpfs "$FULL"
  build "$FULL/out" "$IN"
  snapshot "$FULL/out" before
  # leave 64 KB free: each output alone is larger
  avail=$(df -k --output=avail "$FULL" | tail -1)
  dd if=/dev/zero of="$FULL/filler" bs=1k count=$((avail - 64)) status=none 2>/dev/null || true
  OUT="$FULL/out"
  fails_intact "a full disk (tmpfs)" "^diplograph: error: $OUT/[a-z]+\.[a-z]+: (write error: )?No space left on device" \
    "$DG" build -o "$OUT" "$IN"
  rm -f "$FULL/filler"
  build "$OUT" "$IN"
  ok "after space is freed, the same build succeeds"
  umount "$FULL"
  OUT="$T/out"
fi

# --- a file size limit (ulimit -f, in KB): writes fail with EFBIG, and the
# run reports it instead of dying by SIGXFSZ. Errors name the file in the
# output directory the user gave, never the run's staging directory.
limited() { (ulimit -f 64 && exec "$@"); }
fails_intact "a file size limit (ulimit -f 64)" "^diplograph: error: $OUT/[a-z]+\.[a-z]+: (write error: )?File too large" \
  limited "$DG" build -o "$OUT" "$IN"
echo "$NCHECKS checks passed"
