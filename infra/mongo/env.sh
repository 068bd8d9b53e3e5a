# shellcheck shell=bash
# shellcheck disable=SC2034 # the variables are used by the scripts that source this file
# Shared settings and helpers of infra/mongo/start.sh and infra/mongo/stop.sh (sourced, not run).

MONGO_SCRIPT_DIR="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)"
REPO_ROOT="$(cd -- "$MONGO_SCRIPT_DIR/../.." && pwd -P)"

INFRA_DIR="${QUOTIENT_INFRA_DIR:-$REPO_ROOT/.infra}"
# a relative QUOTIENT_INFRA_DIR is taken from the repository root, whatever the current directory
[[ "$INFRA_DIR" == /* ]] || INFRA_DIR="$REPO_ROOT/$INFRA_DIR"
# start.sh sources this file with --create; stop.sh leaves a missing folder missing
if [[ "${1:-}" == --create ]]; then
  mkdir -p -- "$INFRA_DIR"
fi
if [[ -d "$INFRA_DIR" ]]; then
  INFRA_DIR="$(cd -- "$INFRA_DIR" && pwd -P)"
fi

STATE_DIR="$INFRA_DIR/mongo"
LIB_DIR="$STATE_DIR/lib"
LOG_DIR="$STATE_DIR/logs"
PID_FILE="$STATE_DIR/mongo.pid"
MAIN_SOURCE="$MONGO_SCRIPT_DIR/MongoMain.java"
MONGO_HOST=127.0.0.1

log() { printf '[mongo] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

# True while process $1 exists and is not a zombie (a reparented zombie may wait for a reaper that never comes).
alive() {
  local stat
  kill -0 "$1" 2>/dev/null || return 1
  stat="$(cat "/proc/$1/stat" 2>/dev/null)" || return 1
  stat="${stat##*) }"
  [[ "${stat:0:1}" != Z ]]
}

# True when $1 is the pid of the server of this state folder, started as
#   java [options] -cp "$LIB_DIR/*" "$MAIN_SOURCE" <port>
# Prints its port.
is_our_server() {
  local pid="$1" args=()
  [[ "$pid" =~ ^[0-9]+$ && -r "/proc/$pid/cmdline" ]] || return 1
  mapfile -d '' args <"/proc/$pid/cmdline" 2>/dev/null || return 1
  ((${#args[@]} >= 5)) || return 1
  [[ "${args[0]##*/}" == java && "${args[-4]}" == -cp && "${args[-3]}" == "$LIB_DIR/*" && "${args[-2]}" == "$MAIN_SOURCE" ]] || return 1
  printf '%s\n' "${args[-1]}"
}

# Prints "<pid> <port>" of the running server of this state folder, if any: the pid file first, then a scan of
# /proc (in case the pid file was lost).
find_server() {
  local pid="" port f
  if [[ -f "$PID_FILE" ]]; then
    pid="$(tr -dc '0-9' <"$PID_FILE")"
    if port="$(is_our_server "$pid")"; then
      printf '%s %s\n' "$pid" "$port"
      return 0
    fi
  fi
  for f in /proc/[0-9]*; do
    pid="${f#/proc/}"
    if port="$(is_our_server "$pid")"; then
      printf '%s %s\n' "$pid" "$port"
      return 0
    fi
  done
  return 1
}

# True when something accepts TCP connections on $MONGO_HOST:$1.
port_open() {
  # shellcheck disable=SC2016 # $0 and $1 expand in the child shell
  timeout 2 bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$MONGO_HOST" "$1" 2>/dev/null
}
