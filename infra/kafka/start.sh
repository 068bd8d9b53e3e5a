#!/usr/bin/env bash
# Starts a single-node KRaft Apache Kafka broker (broker + controller in one JVM) on 127.0.0.1 for local
# development and tests, with no Docker: the jars come from Maven Central (infra/kafka/pom.xml).
#
#   bash infra/kafka/start.sh [--fresh]
#
# Progress goes to stderr; the one line on stdout, printed last, is  KAFKA_BROKERS=127.0.0.1:<port>
# Running it while the broker is up only prints that line. Stop with infra/kafka/stop.sh.
#
# Environment:
#   KAFKA_PORT             client listener port (9092)
#   KAFKA_CONTROLLER_PORT  KRaft controller port (9093)
#   KAFKA_PARTITIONS       num.partitions of auto-created topics (4)
#   KAFKA_FRESH=1          same as --fresh: stop the broker if running and wipe its data before starting
#   KAFKA_HEAP_OPTS        JVM heap flags ("-Xms256m -Xmx512m")
#   KAFKA_START_TIMEOUT    seconds to wait for the broker to answer (90)
#   QUOTIENT_INFRA_DIR     state root (<repo>/.infra; a relative path is taken from <repo>); this broker keeps lib/, data/, logs/, kafka.pid in ./kafka
#   JAVA_HOME / JAVA       the java to run (else java on PATH)
set -euo pipefail

# shellcheck source=infra/kafka/env.sh
source "$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)/env.sh" --create

usage() { sed -n '2,20s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; }

FRESH="${KAFKA_FRESH:-0}"
while (($# > 0)); do
  case "$1" in
    --fresh) FRESH=1 ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument: $1" ;;
  esac
  shift
done

PORT="${KAFKA_PORT:-9092}"
CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
PARTITIONS="${KAFKA_PARTITIONS:-4}"
START_TIMEOUT="${KAFKA_START_TIMEOUT:-90}"
HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m}"
for var in PORT CONTROLLER_PORT PARTITIONS START_TIMEOUT; do
  [[ "${!var}" =~ ^[1-9][0-9]*$ ]] || die "KAFKA_$var must be a positive integer, got '${!var}'"
done
[[ "$PORT" != "$CONTROLLER_PORT" ]] || die "KAFKA_PORT and KAFKA_CONTROLLER_PORT must differ"

if [[ -n "${JAVA:-}" ]]; then
  JAVA_BIN="$JAVA"
elif [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
  JAVA_BIN="$JAVA_HOME/bin/java"
else
  JAVA_BIN="java"
fi
command -v "$JAVA_BIN" >/dev/null || die "java not found (set JAVA_HOME or JAVA)"

mkdir -p -- "$STATE_DIR" "$LOG_DIR"

# One start at a time per state folder (fd 9 is closed for the broker so it does not keep the lock).
exec 9>"$STATE_DIR/start.lock"
flock -w 300 9 || die "another start.sh holds $STATE_DIR/start.lock"

# Sends a Metadata v4 request asking for no topics and checks the answer: correlation id, at least one
# broker listening on $PORT, and a known controller. Kafka 3.x and 4.x both serve Metadata v4.
metadata_ok() {
  local hex
  # request: size 20 | api_key 3 | api_version 4 | correlation_id 7 | client_id "probe" | topics [] | auto_create false
  # shellcheck disable=SC2016 # the script expands its own $0/$1 and variables
  hex="$(timeout 5 bash -c '
    exec 3<>"/dev/tcp/$0/$1" || exit 1
    printf "\x00\x00\x00\x14\x00\x03\x00\x04\x00\x00\x00\x07\x00\x05probe\x00\x00\x00\x00\x00" >&3
    size_hex="$(dd bs=1 count=4 <&3 2>/dev/null | od -An -v -tx1 | tr -d " \n")"
    [[ ${#size_hex} -eq 8 ]] || exit 1
    size=$((16#$size_hex))
    ((size > 0 && size < 1048576)) || exit 1
    dd bs=1 count="$size" <&3 2>/dev/null | od -An -v -tx1 | tr -d " \n"
  ' "$KAFKA_HOST" "$PORT" 2>/dev/null)" || return 1

  local pos=0 value n i found=0 len
  # read_int BYTES: sets $value to the signed big-endian integer at $pos and advances $pos
  read_int() {
    local width=$(($1 * 2))
    ((${#hex} >= pos * 2 + width)) || return 1
    value=$((16#${hex:pos*2:width}))
    if (($1 == 4 && value >= 2147483648)); then value=$((value - 4294967296)); fi
    if (($1 == 2 && value >= 32768)); then value=$((value - 65536)); fi
    pos=$((pos + $1))
  }
  read_int 4 && ((value == 7)) || return 1 # correlation id
  read_int 4 || return 1                   # throttle_time_ms
  read_int 4 && ((value >= 1)) || return 1 # brokers
  n=$value
  for ((i = 0; i < n; i++)); do
    read_int 4 || return 1 # node_id
    read_int 2 || return 1 # host
    len=$value
    ((len < 0)) && len=0
    pos=$((pos + len))
    read_int 4 || return 1 # port
    ((value == PORT)) && found=1
    read_int 2 || return 1 # rack (nullable)
    len=$value
    ((len < 0)) && len=0
    pos=$((pos + len))
  done
  ((found == 1)) || return 1
  read_int 2 || return 1 # cluster_id (nullable)
  len=$value
  ((len < 0)) && len=0
  pos=$((pos + len))
  read_int 4 && ((value >= 0)) # controller_id
}

ready() { port_open "$PORT" && metadata_ok; }

# Byte sizes of the log files when this start launched the process: only what was written since is shown.
declare -A LOG_OFFSET=()
remember_log_offsets() {
  local f
  for f in "$LOG_DIR/stdout.log" "$LOG_DIR/server.log"; do
    LOG_OFFSET["$f"]="$(stat -c %s -- "$f" 2>/dev/null || echo 0)"
  done
}

print_log_tail() {
  local f offset size
  for f in "$LOG_DIR/stdout.log" "$LOG_DIR/server.log"; do
    [[ -s "$f" ]] || continue
    offset="${LOG_OFFSET["$f"]:-0}"
    size="$(stat -c %s -- "$f")"
    ((size >= offset)) || offset=0 # rotated meanwhile
    ((size > offset)) || continue
    log "---- last lines of $f ----"
    tail -c "+$((offset + 1))" -- "$f" | tail -n 40 >&2
  done
}

announce() { printf 'KAFKA_BROKERS=%s:%s\n' "$KAFKA_HOST" "$PORT"; }

# Waits until broker $1 answers a metadata request; exits 1 if it dies or the time runs out.
wait_ready() {
  local pid="$1" deadline=$((SECONDS + START_TIMEOUT))
  while ! ready; do
    if ! alive "$pid"; then
      print_log_tail
      rm -f -- "$PID_FILE"
      die "the broker (pid $pid) exited during startup"
    fi
    if ((SECONDS >= deadline)); then
      print_log_tail
      die "the broker (pid $pid) did not answer on $KAFKA_HOST:$PORT within ${START_TIMEOUT}s; it is left running (stop it with: bash infra/kafka/stop.sh)"
    fi
    sleep 0.5
  done
}

# Already running?
if pid="$(find_broker_pid)"; then
  running_port="$(sed -n 's#^listeners=PLAINTEXT://[^:]*:\([0-9]*\),.*#\1#p' "$CONFIG_FILE" 2>/dev/null || true)"
  if [[ "$FRESH" == 1 ]]; then
    log "--fresh: stopping the running broker (pid $pid) first"
    bash "$KAFKA_SCRIPT_DIR/stop.sh" >&2
  elif [[ -n "$running_port" && "$running_port" != "$PORT" ]]; then
    die "a broker of $STATE_DIR is already running on port $running_port (pid $pid); stop it first to change KAFKA_PORT"
  else
    printf '%s\n' "$pid" >"$PID_FILE"
    if ! ready; then
      log "broker already starting (pid $pid); waiting for it"
      wait_ready "$pid"
    fi
    log "already running (pid $pid) on $KAFKA_HOST:$PORT"
    announce
    exit 0
  fi
fi
rm -f -- "$PID_FILE"

for p in "$PORT" "$CONTROLLER_PORT"; do
  if port_open "$p"; then
    die "port $KAFKA_HOST:$p is already in use by another process (not the broker of $STATE_DIR); set KAFKA_PORT / KAFKA_CONTROLLER_PORT"
  fi
done

# Jars: fetched once with Maven; lib/.complete records the pom's hash and the number of jars copied.
# shellcheck source=infra/lib/fetch-jars.sh
source "$KAFKA_SCRIPT_DIR/../lib/fetch-jars.sh"
fetch_jars "$KAFKA_SCRIPT_DIR/pom.xml" "$LIB_DIR" "$STATE_DIR" "$LOG_DIR" 'kafka_2.13-*.jar' broker

if [[ "$FRESH" == 1 && -d "$DATA_DIR" ]]; then
  log "--fresh: wiping $DATA_DIR"
  rm -rf -- "$DATA_DIR"
fi
mkdir -p -- "$DATA_DIR"

cat >"$CONFIG_FILE" <<EOF
# Written by infra/kafka/start.sh on every start; edits are lost.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$KAFKA_HOST:$CONTROLLER_PORT
listeners=PLAINTEXT://$KAFKA_HOST:$PORT,CONTROLLER://$KAFKA_HOST:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$KAFKA_HOST:$PORT
inter.broker.listener.name=PLAINTEXT
controller.listener.names=CONTROLLER
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$DATA_DIR
num.partitions=$PARTITIONS
default.replication.factor=1
min.insync.replicas=1
auto.create.topics.enable=true
delete.topic.enable=true
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
share.coordinator.state.topic.num.partitions=1
group.initial.rebalance.delay.ms=0
num.network.threads=2
num.io.threads=4
num.recovery.threads.per.data.dir=1
EOF

JVM_OPTS=()
read -r -a JVM_OPTS <<<"$HEAP_OPTS"
JVM_OPTS+=(
  -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:+ExitOnOutOfMemoryError
  -Djava.awt.headless=true
  -Dkafka.logs.dir="$LOG_DIR"
  -Dlog4j2.configurationFile="$KAFKA_SCRIPT_DIR/log4j2.properties"
  -cp "$LIB_DIR/*"
)

# Format the storage once (-g: a folder already formatted is left as it is).
if [[ ! -f "$DATA_DIR/meta.properties" ]]; then
  cluster_id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
  cluster_id="A${cluster_id:1}"  # never starts with '-': the tool would read it as an option
  log "formatting $DATA_DIR (cluster id $cluster_id)"
  if ! "$JAVA_BIN" "${JVM_OPTS[@]}" kafka.tools.StorageTool format --cluster-id="$cluster_id" -c "$CONFIG_FILE" -g \
    >"$LOG_DIR/format.log" 2>&1 9>&-; then
    cat -- "$LOG_DIR/format.log" >&2
    die "formatting the storage failed"
  fi
fi

launcher=(nohup)
if command -v setsid >/dev/null; then
  # own session: a Ctrl-C aimed at the caller does not reach the broker
  launcher=(setsid nohup)
fi
log "starting the broker on $KAFKA_HOST:$PORT (controller $CONTROLLER_PORT, state $STATE_DIR)"
remember_log_offsets
printf '\n==== start %s ====\n' "$(date -Is)" >>"$LOG_DIR/stdout.log"
"${launcher[@]}" "$JAVA_BIN" "${JVM_OPTS[@]}" kafka.Kafka "$CONFIG_FILE" \
  </dev/null >>"$LOG_DIR/stdout.log" 2>&1 9>&- &
pid=$!
printf '%s\n' "$pid" >"$PID_FILE"

start_time=$SECONDS
wait_ready "$pid"
log "ready in $((SECONDS - start_time))s (pid $pid, logs in $LOG_DIR)"
announce
