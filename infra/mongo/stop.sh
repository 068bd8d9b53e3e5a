#!/usr/bin/env bash
# Stops the server started by infra/mongo/start.sh: SIGTERM, then SIGKILL after MONGO_STOP_TIMEOUT seconds (10).
# Running it when nothing runs is fine. The server keeps its data in memory: stopping it drops all of it.
set -euo pipefail

# shellcheck source=infra/mongo/env.sh
source "$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)/env.sh"

STOP_TIMEOUT="${MONGO_STOP_TIMEOUT:-10}"
[[ "$STOP_TIMEOUT" =~ ^[0-9]+$ ]] || die "MONGO_STOP_TIMEOUT must be a number of seconds, got '$STOP_TIMEOUT'"

if ! found="$(find_server)"; then
  if [[ -f "$PID_FILE" ]]; then
    rm -f -- "$PID_FILE"
    echo "[mongo] not running (removed stale pid file $PID_FILE)"
  else
    echo "[mongo] not running"
  fi
  exit 0
fi
read -r pid port <<<"$found"

kill -TERM "$pid" 2>/dev/null || true
start=$SECONDS
while alive "$pid" && ((SECONDS - start < STOP_TIMEOUT)); do
  sleep 0.2
done
if alive "$pid"; then
  kill -KILL "$pid" 2>/dev/null || true
  for _ in {1..50}; do
    alive "$pid" || break
    sleep 0.1
  done
  echo "[mongo] server (pid $pid, port $port) did not stop within ${STOP_TIMEOUT}s after SIGTERM; killed it with SIGKILL"
else
  echo "[mongo] stopped the server (pid $pid, port $port) with SIGTERM in $((SECONDS - start))s"
fi
rm -f -- "$PID_FILE"
