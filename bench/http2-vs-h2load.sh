#!/usr/bin/env bash
# Measures meshbench's HTTP/2 (h2c, prior knowledge) client against h2load on the same neutral
# target: nginx serving h2c on a plain port (listen ... http2).
#
# nginx runs pinned to one core; h2load and meshbench take turns on the other, with the same
# connections, streams per connection and one thread each, for several alternating rounds (closed
# model). Prints each round, the medians and meshbench/h2load. Needs: h2load (nghttp2-client),
# nginx with the http2 module, taskset, java 17+.
#
# Environment: ROUNDS (3), DURATION_S (10), WARMUP_S (8), CONNECTIONS (16), STREAMS (10), PORT (18082),
#              SERVER_CPU (0), CLIENT_CPU (1), TRANSPORT (auto).
set -euo pipefail

ROUNDS="${ROUNDS:-3}"
# The JIT needs several seconds to compile the HTTP/2 codec; that warm-up is sent, not counted.
WARMUP_S="${WARMUP_S:-8}"
DURATION_S="${DURATION_S:-10}"
CONNECTIONS="${CONNECTIONS:-16}"
STREAMS="${STREAMS:-10}"
PORT="${PORT:-18082}"
SERVER_CPU="${SERVER_CPU:-0}"
CLIENT_CPU="${CLIENT_CPU:-1}"
TRANSPORT="${TRANSPORT:-auto}"

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
jar="$root/platform/target/meshbench.jar"

for tool in h2load nginx taskset java; do
  command -v "$tool" >/dev/null 2>&1 || { echo "http2-vs-h2load: '$tool' is required" >&2; exit 1; }
done
for n in "$ROUNDS" "$DURATION_S" "$CONNECTIONS" "$STREAMS" "$PORT"; do
  [[ "$n" =~ ^[0-9]+$ ]] || { echo "http2-vs-h2load: numeric settings only (got '$n')" >&2; exit 1; }
done
[ -f "$jar" ] || "$root/meshbench" version >/dev/null   # the launcher builds the jar

work="$(mktemp -d)"
# shellcheck source=bench/nginx-target.sh
. "$here/nginx-target.sh"
cleanup() {
  stop_nginx
  rm -rf "$work"
}
trap cleanup EXIT
start_nginx "$work" "$PORT" "$SERVER_CPU" http2
url="http://127.0.0.1:$PORT/"

# h2load speaks h2c with prior knowledge to an http:// URL. -m: streams per connection.
run_h2load() {
  taskset -c "$CLIENT_CPU" h2load -t1 -c"$CONNECTIONS" -m"$STREAMS" -D"$DURATION_S" "$url" \
    | awk '/^finished in/ {gsub(",", "", $4); print $4}'
}

# The JVM gets 2 s of warm-up (JIT) that is sent but not counted; the measured time equals h2load's.
run_meshbench() {
  taskset -c "$CLIENT_CPU" java -jar "$jar" run --protocol http2 --url "$url" --rate 0 \
    --connections "$CONNECTIONS" --streams "$STREAMS" --threads 1 --duration "${DURATION_S}s" \
    --warmup "${WARMUP_S}s" --transport "$TRANSPORT" --no-progress --format json >"$work/mb.json"
  python3 - "$work/mb.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["result"]
print(r["throughput_rps"], r["errors"], r["latency_ms"]["p99"], r["loadgen_cpu_percent"])
PY
}


echo "closed model: $CONNECTIONS connections x $STREAMS streams, 1 client thread on cpu $CLIENT_CPU, nginx on cpu $SERVER_CPU, ${DURATION_S}s x $ROUNDS rounds"
: >"$work/h2load.txt"; : >"$work/mb.txt"
for round in $(seq 1 "$ROUNDS"); do
  h="$(run_h2load)"
  m="$(run_meshbench)"
  echo "$h" >>"$work/h2load.txt"
  echo "${m%% *}" >>"$work/mb.txt"
  printf 'round %d: h2load %10.0f req/s   meshbench %10.0f req/s (errors %s, p99 %s ms, loop cpu %s%%)\n' \
    "$round" "$h" "${m%% *}" "$(echo "$m" | cut -d' ' -f2)" "$(echo "$m" | cut -d' ' -f3)" \
    "$(echo "$m" | cut -d' ' -f4)"
done
hm="$(median <"$work/h2load.txt")"
mm="$(median <"$work/mb.txt")"
printf 'median: h2load %.0f req/s, meshbench %.0f req/s, ratio meshbench/h2load = %.3f\n' "$hm" "$mm" \
  "$(awk -v a="$mm" -v b="$hm" 'BEGIN {print a/b}')"
