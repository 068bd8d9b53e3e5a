# shellcheck shell=bash
# shellcheck disable=SC2034 # the variables are used by the scripts that source this file
# Shared settings and helpers of infra/kafka/start.sh and infra/kafka/stop.sh (sourced, not run).

KAFKA_SCRIPT_DIR="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)"
REPO_ROOT="$(cd -- "$KAFKA_SCRIPT_DIR/../.." && pwd -P)"

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

STATE_DIR="$INFRA_DIR/kafka"
LIB_DIR="$STATE_DIR/lib"
DATA_DIR="$STATE_DIR/data"
LOG_DIR="$STATE_DIR/logs"
PID_FILE="$STATE_DIR/kafka.pid"
CONFIG_FILE="$STATE_DIR/server.properties"
KAFKA_HOST=127.0.0.1

log() { printf '[kafka] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

# True when $1 is the pid of the broker of this state folder (a java process running kafka.Kafka "$CONFIG_FILE").
is_our_broker() {
  local pid="$1" args=()
  [[ "$pid" =~ ^[0-9]+$ && -r "/proc/$pid/cmdline" ]] || return 1
  mapfile -d '' args <"/proc/$pid/cmdline" 2>/dev/null || return 1
  ((${#args[@]} >= 3)) || return 1
  [[ "${args[0]##*/}" == java && "${args[-2]}" == kafka.Kafka && "${args[-1]}" == "$CONFIG_FILE" ]]
}

# True while process $1 exists and is not a zombie (a reparented zombie may wait for a reaper that never comes).
alive() {
  local stat
  kill -0 "$1" 2>/dev/null || return 1
  stat="$(cat "/proc/$1/stat" 2>/dev/null)" || return 1
  stat="${stat##*) }"
  [[ "${stat:0:1}" != Z ]]
}

# Prints the pid of the running broker of this state folder, if any: the pid file first, then a scan of /proc
# (in case the pid file was lost).
find_broker_pid() {
  local pid="" f
  if [[ -f "$PID_FILE" ]]; then
    pid="$(tr -dc '0-9' <"$PID_FILE")"
    if is_our_broker "$pid"; then
      printf '%s\n' "$pid"
      return 0
    fi
  fi
  for f in /proc/[0-9]*; do
    pid="${f#/proc/}"
    if is_our_broker "$pid"; then
      printf '%s\n' "$pid"
      return 0
    fi
  done
  return 1
}

# True when something accepts TCP connections on $KAFKA_HOST:$1.
port_open() {
  # shellcheck disable=SC2016 # $0 and $1 expand in the child shell
  timeout 2 bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$KAFKA_HOST" "$1" 2>/dev/null
}
