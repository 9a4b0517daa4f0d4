#!/usr/bin/env bash
# Holds 10,000 WebSocket connections open at 1 message/s each against the built-in target (run as
# a separate `meshbench target` process) and reports the meshbench run process's peak RSS, read
# from /proc/<pid>/status (VmHWM) while it runs. Goal: within 512 MiB.
#
# Loopback offers ~28k ephemeral ports per destination, so 10k connections fit; each process needs
# ~10k file descriptors, so the script raises `ulimit -n` to the hard limit.
#
# Environment: CONNECTIONS (10000), DURATION_S (30), WARMUP_S (5), PAYLOAD_BYTES (64),
#              PORT (18090), RUN_JAVA_OPTS (-Xmx256m -Xss256k -XX:MaxDirectMemorySize=128m
#              -XX:+UseSerialGC), TARGET_JAVA_OPTS (-Xmx512m).
set -euo pipefail

CONNECTIONS="${CONNECTIONS:-10000}"
DURATION_S="${DURATION_S:-30}"
WARMUP_S="${WARMUP_S:-5}"
PAYLOAD_BYTES="${PAYLOAD_BYTES:-64}"
PORT="${PORT:-18090}"
RUN_JAVA_OPTS="${RUN_JAVA_OPTS:--Xmx256m -Xss256k -XX:MaxDirectMemorySize=128m -XX:+UseSerialGC}"
TARGET_JAVA_OPTS="${TARGET_JAVA_OPTS:--Xmx512m}"

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
jar="$root/platform/target/meshbench.jar"

command -v java >/dev/null 2>&1 || { echo "websocket-10k: 'java' is required" >&2; exit 1; }
for n in "$CONNECTIONS" "$DURATION_S" "$WARMUP_S" "$PAYLOAD_BYTES" "$PORT"; do
  [[ "$n" =~ ^[0-9]+$ ]] || { echo "websocket-10k: numeric settings only (got '$n')" >&2; exit 1; }
done
[ -f "$jar" ] || "$root/meshbench" version >/dev/null   # the launcher builds the jar

ulimit -n "$(ulimit -Hn)"
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt $((CONNECTIONS + 1000)) ]; then
  echo "websocket-10k: need $((CONNECTIONS + 1000)) file descriptors, the hard limit is $(ulimit -n)" >&2
  exit 1
fi

work="$(mktemp -d)"
target_pid=""
# shellcheck disable=SC2317 # called by the EXIT trap
cleanup() {
  if [ -n "$target_pid" ]; then kill "$target_pid" 2>/dev/null || true; wait "$target_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# shellcheck disable=SC2086 # several JVM flags, split on purpose
java $TARGET_JAVA_OPTS -jar "$jar" target --http-port "$PORT" --grpc-port -1 >"$work/target.log" 2>&1 &
target_pid=$!
for _ in $(seq 1 100); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then break; fi
  sleep 0.1
done

echo "websocket: $CONNECTIONS connections at 1 msg/s each ($CONNECTIONS msg/s), ${PAYLOAD_BYTES}-byte binary messages, ${WARMUP_S}s warm-up + ${DURATION_S}s"
echo "run JVM: $RUN_JAVA_OPTS"
# shellcheck disable=SC2086
java $RUN_JAVA_OPTS -jar "$jar" run --protocol websocket --url "ws://127.0.0.1:$PORT/ws" \
  --connections "$CONNECTIONS" --rate "$CONNECTIONS" --payload-bytes "$PAYLOAD_BYTES" \
  --duration "${DURATION_S}s" --warmup "${WARMUP_S}s" --timeout 10s --no-progress \
  --format json >"$work/run.json" 2>"$work/run.err" &
run_pid=$!

peak_kb=0
while kill -0 "$run_pid" 2>/dev/null; do
  hwm="$(awk '/^VmHWM:/ {print $2}' "/proc/$run_pid/status" 2>/dev/null || true)"
  if [ -n "$hwm" ] && [ "$hwm" -gt "$peak_kb" ]; then peak_kb="$hwm"; fi
  sleep 0.5
done
status=0
wait "$run_pid" || status=$?
if [ "$status" -ne 0 ]; then
  echo "websocket-10k: meshbench run exited $status" >&2
  cat "$work/run.err" >&2
fi

python3 - "$work/run.json" "$peak_kb" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["result"]
peak_mib = int(sys.argv[2]) / 1024
print("messages %d (errors %d: %s), throughput %.1f msg/s, sent %.1f msg/s, sustained %s"
      % (r["requests"], r["errors"], r["error_kinds"], r["throughput_rps"], r["send_rate_rps"],
         str(r["rate_sustained"]).lower()))
print("latency p50 %.3f ms, p99 %.3f ms, max %.3f ms; connects %d; connect time p50 %.3f ms, p99 %.3f ms"
      % (r["latency_ms"]["p50"], r["latency_ms"]["p99"], r["latency_ms"]["max"], r["connects"],
         r["connect_time_ms"]["p50"], r["connect_time_ms"]["p99"]))
print("meshbench run peak RSS (VmHWM): %.0f MiB %s 512 MiB"
      % (peak_mib, "<=" if peak_mib <= 512 else ">"))
PY
exit "$status"
