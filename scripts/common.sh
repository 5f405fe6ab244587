# Shared by scripts/demo, scripts/test and scripts/bench: install what is
# missing (Debian packages, apt-get as root or through sudo), then build.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

dg_sudo() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

dg_install_packages() {
  local want=() p
  while read -r p; do
    case "$p" in ''|'#'*) continue ;; esac
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || want+=("$p")
  done < <(cat "$ROOT/scripts/packages.txt" "$@" 2>/dev/null)
  if [ ${#want[@]} -gt 0 ]; then
    echo "installing: ${want[*]}"
    export DEBIAN_FRONTEND=noninteractive
    dg_sudo apt-get update -qq
    dg_sudo apt-get install -y -qq --no-install-recommends "${want[@]}" >/dev/null
  fi
}

# dg_build DIR [cmake args...]
dg_build() {
  local dir="$1"; shift
  cmake -S "$ROOT" -B "$ROOT/$dir" -DDG_WERROR=ON "$@" >/dev/null
  cmake --build "$ROOT/$dir" -j"$(nproc)" 2>&1 | grep -vE '^\[|^-- |Consolidate|Scanning' || true
  test -x "$ROOT/$dir/diplograph"
}
