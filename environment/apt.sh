# Debian packages for the set-up, the tests and the benchmarks: one helper, sourced by each of them.
#
#   source environment/apt.sh
#   apt_install PKG...          # installs what is not installed yet; returns non-zero with apt's own message
#   apt_require WHO PKG...      # the same, or stops the caller (exit 1) with the exact command to run
#
# A brand-new Debian image has never run `apt-get update`: its package lists are empty (only `auxfiles/`,
# `lock` and `partial/`), and `apt-get install` answers "Unable to locate package". A machine updated long
# ago has lists whose files the mirror no longer serves ("Failed to fetch ... 404"). Neither is decided from
# the folder's contents: the install is tried, and when apt itself says it cannot locate or fetch a package,
# the lists are refreshed once (once per process) and the install is tried again.

apt_as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo "$@"
  else return 126
  fi
}

# The packages of "$@" that dpkg does not list as installed.
apt_missing() {
  local package
  for package in "$@"; do
    [ "$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null)" = "install ok installed" ] || echo "$package"
  done
}

apt_get_install() { apt_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@"; }

apt_install() {
  local missing
  missing=$(apt_missing "$@")
  [ -n "$missing" ] || return 0
  # shellcheck disable=SC2086
  set -- $missing
  if ! command -v apt-get >/dev/null; then
    APT_ERROR="this machine has no apt-get"
    echo "apt: cannot install $*: $APT_ERROR" >&2
    return 1
  fi
  if ! apt_as_root true; then
    APT_ERROR="installing Debian packages needs root, and sudo is not available without a password"
    echo "apt: cannot install $*: $APT_ERROR" >&2
    return 1
  fi
  local log status
  log=$(mktemp)
  apt_get_install "$@" >"$log" 2>&1
  status=$?
  if [ $status != 0 ] && [ -z "${APT_LISTS_REFRESHED:-}" ] \
     && grep -qE "Unable to locate package|has no installation candidate|Failed to fetch|Unable to fetch some archives" "$log"; then
    echo "apt: $(grep -m1 -E '^E:' "$log" | sed 's/^E: //'): refreshing the package lists (apt-get update)"
    APT_LISTS_REFRESHED=1
    export APT_LISTS_REFRESHED
    if apt_as_root apt-get update -q >"$log" 2>&1; then
      apt_get_install "$@" >"$log" 2>&1
      status=$?
    else
      status=$?
      APT_ERROR="apt-get update failed: $(grep -E '^(E|W):' "$log" | head -n 3 | tr '\n' ' ')"
      echo "apt: $APT_ERROR" >&2
      rm -f "$log"
      return $status
    fi
  fi
  if [ $status != 0 ]; then
    APT_ERROR=$(grep -E '^E:' "$log" | head -n 5)
    [ -n "$APT_ERROR" ] || APT_ERROR=$(tail -n 5 "$log")
    echo "apt: apt-get install $* failed (exit $status):" >&2
    echo "$APT_ERROR" | sed 's/^/  /' >&2
  else
    grep -E '^(Setting up|[0-9]+ upgraded)' "$log" | tail -n 1
  fi
  rm -f "$log"
  return $status
}

# For a benchmark's peer or a test's tool: install PKG... or stop, saying what to run.
apt_require() {
  local who=$1
  shift
  apt_install "$@" && return 0
  echo "$who: needs the Debian packages: $*" >&2
  echo "$who: install them with:  sudo apt-get update && sudo apt-get install -y --no-install-recommends $*" >&2
  echo "$who: then run this again." >&2
  exit 1
}
