#!/usr/bin/env bash
# Starts mongo-java-server, a MongoDB wire-protocol server with an in-memory backend, on 127.0.0.1 for local
# development and tests, with no Docker: the jars come from Maven Central (infra/mongo/pom.xml) and
# infra/mongo/MongoMain.java runs with Java's single-file source launcher. Data lives in memory only.
#
#   bash infra/mongo/start.sh
#
# Progress goes to stderr; the one line on stdout, printed last, is  MONGO_URL=mongodb://127.0.0.1:<port>
# Running it while the server is up only prints that line. Stop with infra/mongo/stop.sh.
# Readiness = the port accepts connections, a wire-level ping answers ok, and a ping through the Node
# `mongodb` driver of the repository's node_modules succeeds (skipped with a notice when node or the driver
# is missing).
#
# Environment:
#   MONGO_PORT             port (27017)
#   MONGO_HEAP_OPTS        JVM heap flags ("-Xms64m -Xmx512m")
#   MONGO_WIRE_VERSION     maxWireVersion the server reports (9 = MongoDB 4.4, the minimum of the mongodb 7 driver)
#   MONGO_START_TIMEOUT    seconds to wait for the server to answer (60)
#   QUOTIENT_INFRA_DIR     state root (<repo>/.infra; a relative path is taken from <repo>); this server keeps lib/, logs/, mongo.pid in ./mongo
#   JAVA_HOME / JAVA       the java to run (else java on PATH)
#   NODE                   the node to run the driver ping (else <repo>/node_modules/.bin/node, else node)
set -euo pipefail

# shellcheck source=infra/mongo/env.sh
source "$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)/env.sh" --create

usage() { sed -n '2,22s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; }

while (($# > 0)); do
  case "$1" in
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument: $1" ;;
  esac
done

PORT="${MONGO_PORT:-27017}"
START_TIMEOUT="${MONGO_START_TIMEOUT:-60}"
HEAP_OPTS="${MONGO_HEAP_OPTS:--Xms64m -Xmx512m}"
WIRE_VERSION="${MONGO_WIRE_VERSION:-9}"
for var in PORT START_TIMEOUT WIRE_VERSION; do
  [[ "${!var}" =~ ^[1-9][0-9]*$ ]] || die "MONGO_$var must be a positive integer, got '${!var}'"
done
URL="mongodb://$MONGO_HOST:$PORT"

if [[ -n "${JAVA:-}" ]]; then
  JAVA_BIN="$JAVA"
elif [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
  JAVA_BIN="$JAVA_HOME/bin/java"
else
  JAVA_BIN="java"
fi
command -v "$JAVA_BIN" >/dev/null || die "java not found (set JAVA_HOME or JAVA)"

if [[ -n "${NODE:-}" ]]; then
  NODE_BIN="$NODE"
elif [[ -x "$REPO_ROOT/node_modules/.bin/node" ]]; then
  NODE_BIN="$REPO_ROOT/node_modules/.bin/node"
else
  NODE_BIN="node"
fi

mkdir -p -- "$STATE_DIR" "$LOG_DIR"

# One start at a time per state folder (fd 9 is closed for the server so it does not keep the lock).
exec 9>"$STATE_DIR/start.lock"
flock -w 300 9 || die "another start.sh holds $STATE_DIR/start.lock"

# OP_MSG { ping: 1, $db: "admin" } on the wire; true when the reply carries ok: 1.0.
wire_ping_ok() {
  local hex
  # shellcheck disable=SC2016 # the script expands its own $0/$1 and variables
  hex="$(timeout 5 bash -c '
    exec 3<>"/dev/tcp/$0/$1" || exit 1
    # header: length 51, requestID 1, responseTo 0, opCode 2013 (OP_MSG) | flagBits 0 | section kind 0 | BSON
    printf "\x33\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00\x00\xdd\x07\x00\x00\x00\x00\x00\x00\x00" >&3
    printf "\x1e\x00\x00\x00\x10ping\x00\x01\x00\x00\x00\x02\x24db\x00\x06\x00\x00\x00admin\x00\x00" >&3
    size_hex="$(dd bs=1 count=4 <&3 2>/dev/null | od -An -v -tx1 | tr -d " \n")"
    [[ ${#size_hex} -eq 8 ]] || exit 1
    size=$((16#${size_hex:6:2}${size_hex:4:2}${size_hex:2:2}${size_hex:0:2}))
    ((size > 4 && size < 1048576)) || exit 1
    dd bs=1 count="$((size - 4))" <&3 2>/dev/null | od -An -v -tx1 | tr -d " \n"
  ' "$MONGO_HOST" "$PORT" 2>/dev/null)" || return 1
  # element: type 0x01 (double) "ok\0" 1.0
  [[ "$hex" == *016f6b00000000000000f03f* ]]
}

# A ping through the Node driver of the repository (no serverApi: the server does not implement `hello`).
# Returns 0 = ok, 1 = failed, 2 = node or the driver is not available, 3 = the driver refuses the server.
DRIVER_PING_JS='
let mongodb;
try {
  mongodb = require(require.resolve("mongodb", { paths: [process.env.REPO_ROOT] }));
} catch (e) {
  try { mongodb = require("mongodb"); } catch (e2) { process.exit(2); }
}
const client = new mongodb.MongoClient(process.env.URL, {
  serverSelectionTimeoutMS: 3000, connectTimeoutMS: 3000, directConnection: true,
});
client.connect()
  .then(() => client.db("admin").command({ ping: 1 }))
  .then((r) => { if (r.ok !== 1) throw new Error("ping answered " + JSON.stringify(r)); return client.close(); })
  .then(() => process.exit(0), (e) => {
    const msg = String((e && e.message) || e);
    console.error(msg);
    // a driver/server version mismatch does not heal by waiting
    process.exit(/wire version/i.test(msg) ? 3 : 1);
  });
'
driver_ping() {
  command -v "$NODE_BIN" >/dev/null || return 2
  local rc=0
  REPO_ROOT="$REPO_ROOT" URL="$URL" timeout 20 "$NODE_BIN" -e "$DRIVER_PING_JS" >>"$LOG_DIR/driver-ping.log" 2>&1 || rc=$?
  case "$rc" in
    0 | 2 | 3) return "$rc" ;;
    *) return 1 ;;
  esac
}

# Byte sizes of the log files when this start launched the process: only what was written since is shown.
declare -A LOG_OFFSET=()
remember_log_offsets() {
  # (driver-ping.log is emptied when the wait starts)
  LOG_OFFSET["$LOG_DIR/server.log"]="$(stat -c %s -- "$LOG_DIR/server.log" 2>/dev/null || echo 0)"
}

print_log_tail() {
  local f offset size
  for f in "$LOG_DIR/server.log" "$LOG_DIR/driver-ping.log"; do
    [[ -s "$f" ]] || continue
    offset="${LOG_OFFSET["$f"]:-0}"
    size="$(stat -c %s -- "$f")"
    ((size >= offset)) || offset=0 # rotated meanwhile
    ((size > offset)) || continue
    log "---- last lines of $f ----"
    tail -c "+$((offset + 1))" -- "$f" | tail -n 40 >&2
  done
}

announce() { printf 'MONGO_URL=%s\n' "$URL"; }

# Waits until server $1 answers pings; exits 1 if it dies or the time runs out.
wait_ready() {
  local pid="$1" deadline=$((SECONDS + START_TIMEOUT)) rc
  : >"$LOG_DIR/driver-ping.log"
  while :; do
    if port_open "$PORT" && wire_ping_ok; then
      rc=0
      driver_ping || rc=$?
      if ((rc == 0)); then
        log "ping through the Node mongodb driver: ok"
        return 0
      elif ((rc == 2)); then
        log "notice: node or the mongodb driver is not installed ($NODE_BIN, $REPO_ROOT/node_modules); checked with a wire-level ping only"
        return 0
      elif ((rc == 3)); then
        print_log_tail
        # stopped, so that a later start.sh does not take it for a usable server
        bash "$MONGO_SCRIPT_DIR/stop.sh" >&2
        die "the Node mongodb driver refuses the server's wire version (see above; MONGO_WIRE_VERSION=$WIRE_VERSION)"
      fi
    fi
    if ! alive "$pid"; then
      print_log_tail
      rm -f -- "$PID_FILE"
      die "the server (pid $pid) exited during startup"
    fi
    if ((SECONDS >= deadline)); then
      print_log_tail
      die "the server (pid $pid) did not answer on $MONGO_HOST:$PORT within ${START_TIMEOUT}s; it is left running (stop it with: bash infra/mongo/stop.sh)"
    fi
    sleep 0.3
  done
}

# Already running?
if found="$(find_server)"; then
  read -r pid running_port <<<"$found"
  if [[ "$running_port" != "$PORT" ]]; then
    die "a server of $STATE_DIR is already running on port $running_port (pid $pid); stop it first to change MONGO_PORT"
  fi
  printf '%s\n' "$pid" >"$PID_FILE"
  if ! wire_ping_ok; then
    log "server already starting (pid $pid); waiting for it"
    wait_ready "$pid"
  fi
  log "already running (pid $pid) on $MONGO_HOST:$PORT"
  announce
  exit 0
fi
rm -f -- "$PID_FILE"

if port_open "$PORT"; then
  die "port $MONGO_HOST:$PORT is already in use by another process (not the server of $STATE_DIR); set MONGO_PORT"
fi

# Jars: fetched once with Maven; lib/.complete records the pom's hash and the number of jars copied.
# shellcheck source=infra/lib/fetch-jars.sh
source "$MONGO_SCRIPT_DIR/../lib/fetch-jars.sh"
fetch_jars "$MONGO_SCRIPT_DIR/pom.xml" "$LIB_DIR" "$STATE_DIR" "$LOG_DIR" 'mongo-java-server-core-*.jar' server

JVM_OPTS=()
read -r -a JVM_OPTS <<<"$HEAP_OPTS"
JVM_OPTS+=(
  -XX:+ExitOnOutOfMemoryError
  -Djava.awt.headless=true
  -Dquotient.mongo.wireVersion="$WIRE_VERSION"
  -Dorg.slf4j.simpleLogger.log.de.bwaldvogel.mongo.wire.MongoWireProtocolHandler=warn
  -Dorg.slf4j.simpleLogger.showDateTime=true
  "-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd'T'HH:mm:ss.SSSZ"
  -Dorg.slf4j.simpleLogger.logFile=System.out
)

launcher=(nohup)
if command -v setsid >/dev/null; then
  # own session: a Ctrl-C aimed at the caller does not reach the server
  launcher=(setsid nohup)
fi
log "starting mongo-java-server on $MONGO_HOST:$PORT (state $STATE_DIR)"
remember_log_offsets
printf '\n==== start %s ====\n' "$(date -Is)" >>"$LOG_DIR/server.log"
# The -cp "<lib>/*" <source> <port> tail of this command line is how is_our_server recognises the process.
"${launcher[@]}" "$JAVA_BIN" "${JVM_OPTS[@]}" -cp "$LIB_DIR/*" "$MAIN_SOURCE" "$PORT" \
  </dev/null >>"$LOG_DIR/server.log" 2>&1 9>&- &
pid=$!
printf '%s\n' "$pid" >"$PID_FILE"

start_time=$SECONDS
wait_ready "$pid"
log "ready in $((SECONDS - start_time))s (pid $pid, log $LOG_DIR/server.log)"
announce
