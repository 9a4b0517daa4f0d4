#!/usr/bin/env bash
# gRPC unary, closed model: meshbench's gRPC client against h2load sending the same gRPC request,
# both aimed at the built-in target's meshbench.echo.v1.Echo/Unary in its own process.
#
# grpc-java's own benchmark client (io.grpc:grpc-benchmarks, qps.AsyncClient) is not published to
# Maven Central (1.83.1 and 1.85.1 do not resolve), so the peer is h2load (nghttp2-client): it posts
# a pre-framed empty EchoRequest (5 bytes: uncompressed flag + zero length) with the gRPC headers
# and counts HTTP/2 responses. It decodes neither messages nor trailers, so it is a lower bound on
# a client's cost, as wrk is for HTTP/1.1. Same connections and calls in flight for both tools.
#
# The target is pinned to one core (one event loop); the client tools take turns on the other.
# Needs: h2load (apt-get install nghttp2-client), taskset, java 17+.
#
# Environment: ROUNDS (3), DURATION_S (10), WARMUP_S (10), CONNECTIONS (16), STREAMS (4 calls in flight per
#              connection), PORT (19090), SERVER_CPU (0), CLIENT_CPU (1).
set -euo pipefail

ROUNDS="${ROUNDS:-3}"
DURATION_S="${DURATION_S:-10}"
# grpc-java and Netty's HTTP/2 codec need several seconds of JIT; the warm-up is sent, not counted.
WARMUP_S="${WARMUP_S:-10}"
CONNECTIONS="${CONNECTIONS:-16}"
STREAMS="${STREAMS:-4}"
PORT="${PORT:-19090}"
SERVER_CPU="${SERVER_CPU:-0}"
CLIENT_CPU="${CLIENT_CPU:-1}"

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
jar="$root/platform/target/meshbench.jar"

for tool in h2load taskset java python3; do
  command -v "$tool" >/dev/null 2>&1 || { echo "grpc-unary: '$tool' is required" >&2; exit 1; }
done
for n in "$ROUNDS" "$DURATION_S" "$CONNECTIONS" "$STREAMS" "$PORT"; do
  [[ "$n" =~ ^[0-9]+$ ]] || { echo "grpc-unary: numeric settings only (got '$n')" >&2; exit 1; }
done
[ -f "$jar" ] || "$root/meshbench" version >/dev/null   # the launcher builds the jar

work="$(mktemp -d)"
target_pid=""
cleanup() {
  if [ -n "$target_pid" ]; then kill "$target_pid" 2>/dev/null || true; wait "$target_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

taskset -c "$SERVER_CPU" java -jar "$jar" target --http-port 0 --grpc-port "$PORT" --threads 1 \
  >"$work/target.log" 2>&1 &
target_pid=$!
for _ in $(seq 1 100); do
  if grep -q '^grpc_port=' "$work/target.log" 2>/dev/null; then break; fi
  sleep 0.1
done
grep -q '^grpc_port=' "$work/target.log" || { cat "$work/target.log" >&2; exit 1; }

printf '\x00\x00\x00\x00\x00' >"$work/empty-echo-request.bin"
url="http://127.0.0.1:$PORT/meshbench.echo.v1.Echo/Unary"

run_h2load() {
  # h2load has no warm-up; the target's JIT is warmed by the rounds before (round 1 runs twice).
  taskset -c "$CLIENT_CPU" h2load -t1 -c"$CONNECTIONS" -m"$STREAMS" -D"$DURATION_S" \
    -d "$work/empty-echo-request.bin" -H 'content-type: application/grpc' -H 'te: trailers' \
    "$url" | awk '/^finished in/ {gsub(",", "", $4); print $4}'
}

run_meshbench() {
  taskset -c "$CLIENT_CPU" java -jar "$jar" run --protocol grpc --url "127.0.0.1:$PORT" --rate 0 \
    --connections "$CONNECTIONS" --streams "$STREAMS" --threads 1 --duration "${DURATION_S}s" \
    --warmup "${WARMUP_S}s" --no-progress --format json >"$work/mb.json"
  python3 - "$work/mb.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["result"]
print(r["throughput_rps"], r["errors"], r["latency_ms"]["p99"], r["loadgen_cpu_percent"])
PY
}

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

echo "gRPC unary, closed model: $CONNECTIONS connections x $STREAMS calls in flight, 1 client thread on cpu $CLIENT_CPU, target (1 loop) on cpu $SERVER_CPU, ${DURATION_S}s x $ROUNDS rounds"
run_h2load >/dev/null   # warms the target's JIT before anything is counted
: >"$work/h2.txt"; : >"$work/mb.txt"
for round in $(seq 1 "$ROUNDS"); do
  h="$(run_h2load)"
  m="$(run_meshbench)"
  echo "$h" >>"$work/h2.txt"
  echo "${m%% *}" >>"$work/mb.txt"
  printf 'round %d: h2load %9.0f calls/s   meshbench %9.0f calls/s (errors %s, p99 %s ms, loop cpu %s%%)\n' \
    "$round" "$h" "${m%% *}" "$(echo "$m" | cut -d' ' -f2)" "$(echo "$m" | cut -d' ' -f3)" \
    "$(echo "$m" | cut -d' ' -f4)"
done
hm="$(median <"$work/h2.txt")"
mm="$(median <"$work/mb.txt")"
printf 'median: h2load %.0f calls/s, meshbench %.0f calls/s, ratio meshbench/h2load = %.3f\n' \
  "$hm" "$mm" "$(awk -v a="$mm" -v b="$hm" 'BEGIN {print a/b}')"
