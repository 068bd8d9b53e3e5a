#!/usr/bin/env bash
# Stops the broker started by infra/kafka/start.sh: SIGTERM (controlled shutdown), then SIGKILL after
# KAFKA_STOP_TIMEOUT seconds (30). Running it when nothing runs is fine. Data is kept (start.sh --fresh wipes it).
set -euo pipefail

# shellcheck source=infra/kafka/env.sh
source "$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)/env.sh"

STOP_TIMEOUT="${KAFKA_STOP_TIMEOUT:-30}"
[[ "$STOP_TIMEOUT" =~ ^[0-9]+$ ]] || die "KAFKA_STOP_TIMEOUT must be a number of seconds, got '$STOP_TIMEOUT'"

if ! pid="$(find_broker_pid)"; then
  if [[ -f "$PID_FILE" ]]; then
    rm -f -- "$PID_FILE"
    echo "[kafka] not running (removed stale pid file $PID_FILE)"
  else
    echo "[kafka] not running"
  fi
  exit 0
fi

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
  echo "[kafka] broker (pid $pid) did not stop within ${STOP_TIMEOUT}s after SIGTERM; killed it with SIGKILL"
else
  echo "[kafka] stopped the broker (pid $pid) with SIGTERM in $((SECONDS - start))s"
fi
rm -f -- "$PID_FILE"
