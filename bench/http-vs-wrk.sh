#!/usr/bin/env bash
# Measures meshbench's HTTP/1.1 client against wrk on the same neutral target (nginx), and the
# open model's rate accuracy.
#
# nginx runs pinned to one core; wrk and meshbench take turns on the other, with the same
# connections and one thread each, for several alternating rounds. Prints each round, the medians
# and meshbench/wrk. Needs: wrk, nginx, taskset, java 17+ (Debian: apt-get install wrk nginx).
#
# Environment: ROUNDS (3), DURATION_S (10), CONNECTIONS (64), RATE_RPS (20000, open-model check),
#              PORT (18080), SERVER_CPU (0), CLIENT_CPU (1), TRANSPORT (auto).
set -euo pipefail

ROUNDS="${ROUNDS:-3}"
DURATION_S="${DURATION_S:-10}"
CONNECTIONS="${CONNECTIONS:-64}"
RATE_RPS="${RATE_RPS:-20000}"
PORT="${PORT:-18080}"
SERVER_CPU="${SERVER_CPU:-0}"
CLIENT_CPU="${CLIENT_CPU:-1}"
TRANSPORT="${TRANSPORT:-auto}"

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"

for tool in wrk nginx taskset java python3; do
  command -v "$tool" >/dev/null 2>&1 || { echo "http-vs-wrk: '$tool' is required" >&2; exit 1; }
done
for n in "$ROUNDS" "$DURATION_S" "$CONNECTIONS" "$RATE_RPS" "$PORT"; do
  [[ "$n" =~ ^[0-9]+$ ]] || { echo "http-vs-wrk: numeric settings only (got '$n')" >&2; exit 1; }
done
"$root/meshbench" version >/dev/null # the launcher builds the jar (and its CDS archive) if needed

work="$(mktemp -d)"
# shellcheck source=bench/nginx-target.sh
. "$here/nginx-target.sh"
cleanup() {
  stop_nginx
  rm -rf "$work"
}
trap cleanup EXIT
start_nginx "$work" "$PORT" "$SERVER_CPU"
url="http://127.0.0.1:$PORT/"

run_wrk() {
  taskset -c "$CLIENT_CPU" wrk -t1 -c"$CONNECTIONS" -d"${DURATION_S}s" "$url" \
    | awk '/^Requests\/sec:/ {print $2}'
}

# The JVM gets 2 s of warm-up (JIT) that is sent but not counted; the measured time equals wrk's.
# Through the launcher, as users run it: its JVM options are part of what is measured.
run_meshbench() {
  taskset -c "$CLIENT_CPU" "$root/meshbench" run --url "$url" --rate "$1" \
    --connections "$CONNECTIONS" --threads 1 --duration "${DURATION_S}s" --warmup 2s \
    --transport "$TRANSPORT" --no-progress --format json >"$work/mb.json"
  python3 - "$work/mb.json" "$2" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["result"]
print(r[sys.argv[2]], r["send_rate_rps"], r["latency_ms"]["p99"], r["loadgen_cpu_percent"],
      str(r["rate_sustained"]).lower())
PY
}


echo "closed model: $CONNECTIONS connections, 1 client thread on cpu $CLIENT_CPU, nginx on cpu $SERVER_CPU, ${DURATION_S}s x $ROUNDS rounds"
: >"$work/wrk.txt"; : >"$work/mb.txt"
for round in $(seq 1 "$ROUNDS"); do
  w="$(run_wrk)"
  m="$(run_meshbench 0 throughput_rps)"
  echo "$w" >>"$work/wrk.txt"
  echo "${m%% *}" >>"$work/mb.txt"
  printf 'round %d: wrk %10.0f req/s   meshbench %10.0f req/s (p99 %s ms, loop cpu %s%%)\n' \
    "$round" "$w" "${m%% *}" "$(echo "$m" | cut -d' ' -f3)" "$(echo "$m" | cut -d' ' -f4)"
done
wm="$(median <"$work/wrk.txt")"
mm="$(median <"$work/mb.txt")"
printf 'median: wrk %.0f req/s, meshbench %.0f req/s, ratio meshbench/wrk = %.3f\n' "$wm" "$mm" \
  "$(awk -v a="$mm" -v b="$wm" 'BEGIN {print a/b}')"

echo
echo "open model: $RATE_RPS rps requested, constant arrival"
m="$(run_meshbench "$RATE_RPS" throughput_rps)"
read -r tput send p99 cpu sustained <<<"$m"
printf 'sent %.1f rps (%.3f%% of target), completed %.1f rps, p99 %s ms, sustained %s, loop cpu %s%%\n' \
  "$send" "$(awk -v a="$send" -v b="$RATE_RPS" 'BEGIN {print 100*a/b}')" "$tput" "$p99" "$sustained" "$cpu"
