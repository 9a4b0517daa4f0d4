#!/usr/bin/env bash
# Measures meshbench's open model (fixed rate) against wrk2 on the same neutral target (nginx):
# the CPU each tool spends to hold a rate, and the latency each reports.
#
# nginx runs pinned to one core; wrk2 and meshbench take turns on the other core, 64 connections,
# one thread each, at each fixed rate, for several alternating rounds. For each rate it prints
# every round, the medians of CPU seconds (user+sys of the tool's process, JVM start included),
# the steady CPU rate (CPU seconds per second while the load runs, start-up and report left out),
# p50 and p99, and the ratios meshbench/wrk2.
#
# wrk2 is not a Debian package and is not vendored here: build it yourself from its public
# repository and pass its binary as WRK2=/path/to/wrk. Needs nginx, taskset, python3, java 17+.
#
# Environment: WRK2 (required), RATES ("10000 30000 50000"), ROUNDS (3), DURATION_S (13, the whole
#              run of each tool), WARMUP_S (3, of meshbench's DURATION_S: sent, not reported),
#              CONNECTIONS (64), PORT (18081), SERVER_CPU (0), CLIENT_CPU (1), TRANSPORT (auto),
#              MB_ARGS (extra meshbench run flags), IDLE_ROUNDS (5, 0 to skip the idle runs).
#
# Then the idle run: 100 rps for 10 s with no warm-up, as a user first types it (the launcher's
# defaults: 32 connections, progress off so that only the run is measured), against wrk2 at the
# same rate, IDLE_ROUNDS alternating rounds: here the JVM's start and compilation are most of the
# cost.
set -euo pipefail

RATES="${RATES:-10000 30000 50000}"
ROUNDS="${ROUNDS:-3}"
DURATION_S="${DURATION_S:-13}"
WARMUP_S="${WARMUP_S:-3}"
CONNECTIONS="${CONNECTIONS:-64}"
PORT="${PORT:-18081}"
SERVER_CPU="${SERVER_CPU:-0}"
CLIENT_CPU="${CLIENT_CPU:-1}"
TRANSPORT="${TRANSPORT:-auto}"
MB_ARGS="${MB_ARGS:-}"
IDLE_ROUNDS="${IDLE_ROUNDS:-5}"

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"

if [ -z "${WRK2:-}" ] || [ ! -x "$WRK2" ]; then
  echo "open-model-vs-wrk2: wrk2 is missing: set WRK2=/path/to/wrk (a wrk2 binary built from" \
    "github.com/giltene/wrk2; it is not packaged and this repository does not ship it)" >&2
  exit 1
fi
for tool in nginx taskset python3 java; do
  command -v "$tool" >/dev/null 2>&1 || {
    echo "open-model-vs-wrk2: '$tool' is required" >&2
    exit 1
  }
done
for n in $RATES "$ROUNDS" "$IDLE_ROUNDS" "$DURATION_S" "$WARMUP_S" "$CONNECTIONS" "$PORT"; do
  [[ "$n" =~ ^[0-9]+$ ]] || {
    echo "open-model-vs-wrk2: numeric settings only (got '$n')" >&2
    exit 1
  }
done
[ "$WARMUP_S" -lt "$DURATION_S" ] || {
  echo "open-model-vs-wrk2: WARMUP_S must be less than DURATION_S" >&2
  exit 1
}
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

# cpu_of FILE CMD... — runs CMD, stdout to FILE; prints "total steady": the user+sys CPU seconds of
# its process, and its CPU seconds per second from WARMUP_S+1 s after its start to 1 s before
# DURATION_S (the load alone: no process start, JIT warm-up, connecting or report). taskset and the
# launcher exec, so the child's pid is the tool's. The total is the change in this interpreter's
# children's usage across the run: a python3 reached through a launcher that runs programs of its
# own before it execs the interpreter (a pyenv shim: about 0.2 s here) would otherwise add their
# CPU to every figure.
cpu_of() {
  local out="$1"
  shift
  python3 - "$out" "$WARMUP_S" "$DURATION_S" "$@" <<'PY'
import os, resource, subprocess, sys, time
out_path, warmup_s, duration_s, cmd = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4:]
ticks_per_s = os.sysconf("SC_CLK_TCK")

def cpu_ticks(pid):
    try:
        with open("/proc/%d/stat" % pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return int(fields[11]) + int(fields[12])  # utime, stime

before = resource.getrusage(resource.RUSAGE_CHILDREN)
with open(out_path, "w") as out:
    proc = subprocess.Popen(cmd, stdout=out)
    started = time.monotonic()
    marks = []
    for at in (warmup_s + 1, duration_s - 1):
        delay = started + at - time.monotonic()
        if delay > 0:
            try:
                proc.wait(timeout=delay)
            except subprocess.TimeoutExpired:
                pass
        marks.append((time.monotonic(), cpu_ticks(proc.pid)))
    code = proc.wait()
r = resource.getrusage(resource.RUSAGE_CHILDREN)
if code != 0:
    sys.exit("command failed (%d): %s" % (code, " ".join(cmd)))
(t0, c0), (t1, c1) = marks
steady = (c1 - c0) / ticks_per_s / (t1 - t0) if None not in (c0, c1) and t1 > t0 else float("nan")
total = r.ru_utime + r.ru_stime - before.ru_utime - before.ru_stime
print("%.2f %.3f" % (total, steady))
PY
}

# Prints "cpu_s steady_cpu p50_ms p99_ms requests" for one wrk2 run.
run_wrk2() {
  local cpu
  # wrk2 sends nothing in its first second (its event loop's first wait is 999 ms, strace shows
  # the first connect a second after start), so "-d 13s" is 12 s of load. One more second makes
  # both tools send for DURATION_S seconds: the same requests for the CPU they cost.
  cpu="$(cpu_of "$work/wrk2.txt" taskset -c "$CLIENT_CPU" "$WRK2" -t1 -c"$CONNECTIONS" \
    -d"$((DURATION_S + 1))s" -R"$1" --latency "$url")"
  # shellcheck disable=SC2086 # $cpu is "total steady"
  python3 - "$work/wrk2.txt" $cpu <<'PY'
import re, sys
text = open(sys.argv[1]).read()
scale = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 6e4}
def pct(p):
    m = re.search(r"^\s*%s%%\s+([\d.]+)(us|ms|s|m)\s*$" % re.escape(p), text, re.M)
    if not m:
        sys.exit("wrk2 printed no %s%% line:\n%s" % (p, text))
    return float(m.group(1)) * scale[m.group(2)]
m = re.search(r"^\s*(\d+) requests in", text, re.M)
print(sys.argv[2], sys.argv[3], "%.3f" % pct("50.000"), "%.3f" % pct("99.000"), m.group(1) if m else "?")
PY
}

# Prints "cpu_s steady_cpu p50_ms p99_ms sent_rps sustained requests" for one meshbench run of the
# same wall time. requests: those sent in the measured phase plus the warm-up's at the requested
# rate (the document does not count warm-up sends; the rate held unless the run fell behind), to
# set beside wrk2's count of its completed requests, which at a fixed rate without errors is its
# sent requests less the few in flight at the end.
run_meshbench() {
  local cpu
  # shellcheck disable=SC2086 # MB_ARGS is a list of flags
  # Through the launcher: its JVM options (class-data sharing, collector) are part of the cost.
  cpu="$(cpu_of "$work/mb.json" taskset -c "$CLIENT_CPU" "$root/meshbench" run --url "$url" \
    --rate "$1" --connections "$CONNECTIONS" --threads 1 \
    --duration "$((DURATION_S - WARMUP_S))s" --warmup "${WARMUP_S}s" \
    --transport "$TRANSPORT" --no-progress --format json $MB_ARGS)"
  # shellcheck disable=SC2086 # $cpu is "total steady"
  python3 - "$work/mb.json" "$1" "$WARMUP_S" $cpu <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["result"]
requests = r["sent"] + int(sys.argv[2]) * int(sys.argv[3])
print(sys.argv[4], sys.argv[5], "%.3f" % r["latency_ms"]["p50"], "%.3f" % r["latency_ms"]["p99"],
      "%.0f" % r["send_rate_rps"], str(r["rate_sustained"]).lower(), requests)
PY
}

col() { awk -v c="$1" '{print $c}' "$2" | median; }
# The median of CPU microseconds per request (column 1 over column $1): wrk2 does not always send
# for the same time (389,9xx or 415,2xx requests at 30k for the same -d), so whole-run CPU alone
# would favour whichever sent fewer.
# A count wrk2 did not print ("?") reads as 0 and gives 0, not a division by zero.
per_request() { awk -v c="$1" '{n = $c + 0; printf "%.2f\n", (n > 0 ? $1 / n * 1e6 : 0)}' "$2" | median; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", (b > 0 ? a / b : 0)}'; }

echo "open model: $CONNECTIONS connections, 1 client thread on cpu $CLIENT_CPU, nginx on cpu" \
  "$SERVER_CPU, ${DURATION_S}s runs (meshbench: ${WARMUP_S}s of them warm-up), $ROUNDS rounds"
for rate in $RATES; do
  echo
  echo "== $rate rps"
  : >"$work/w.txt"
  : >"$work/m.txt"
  for round in $(seq 1 "$ROUNDS"); do
    # Alternate who goes first, so that neither always meets the same phase of the neighbours.
    if [ $((round % 2)) -eq 1 ]; then
      w="$(run_wrk2 "$rate")"
      m="$(run_meshbench "$rate")"
    else
      m="$(run_meshbench "$rate")"
      w="$(run_wrk2 "$rate")"
    fi
    echo "$w" >>"$work/w.txt"
    echo "$m" >>"$work/m.txt"
    read -r wc ws w50 w99 wn <<<"$w"
    read -r mc ms m50 m99 msent msus _ <<<"$m"
    printf 'round %d: wrk2 cpu %5.2f s (steady %.2f s/s) p50 %6.3f p99 %7.3f ms (%s requests) | meshbench cpu %5.2f s (steady %.2f s/s) p50 %6.3f p99 %7.3f ms (sent %s rps, sustained %s)\n' \
      "$round" "$wc" "$ws" "$w50" "$w99" "$wn" "$mc" "$ms" "$m50" "$m99" "$msent" "$msus"
  done
  wc="$(col 1 "$work/w.txt")"
  ws="$(col 2 "$work/w.txt")"
  w50="$(col 3 "$work/w.txt")"
  w99="$(col 4 "$work/w.txt")"
  mc="$(col 1 "$work/m.txt")"
  ms="$(col 2 "$work/m.txt")"
  m50="$(col 3 "$work/m.txt")"
  m99="$(col 4 "$work/m.txt")"
  printf 'median %d rps: wrk2 cpu %.2f s (steady %.2f s/s) p50 %.3f p99 %.3f ms | meshbench cpu %.2f s (steady %.2f s/s) p50 %.3f p99 %.3f ms\n' \
    "$rate" "$wc" "$ws" "$w50" "$w99" "$mc" "$ms" "$m50" "$m99"
  wr="$(per_request 5 "$work/w.txt")"
  mr="$(per_request 7 "$work/m.txt")"
  printf 'cpu per request at %d rps: wrk2 %.2f us | meshbench %.2f us\n' "$rate" "$wr" "$mr"
  printf 'ratio meshbench/wrk2 at %d rps: cpu %s (steady %s, per request %s)  p50 %s  p99 %s\n' \
    "$rate" "$(ratio "$mc" "$wc")" "$(ratio "$ms" "$ws")" "$(ratio "$mr" "$wr")" \
    "$(ratio "$m50" "$w50")" "$(ratio "$m99" "$w99")"
done

[ "$IDLE_ROUNDS" -gt 0 ] || exit 0
echo
echo "== idle: 100 rps for 10 s, no warm-up, 32 connections, $IDLE_ROUNDS rounds"
: >"$work/wi.txt"
: >"$work/mi.txt"
for round in $(seq 1 "$IDLE_ROUNDS"); do
  for tool in wrk2 meshbench; do
    if [ $((round % 2)) -eq 0 ]; then
      tool="$([ "$tool" = wrk2 ] && echo meshbench || echo wrk2)"
    fi
    if [ "$tool" = wrk2 ]; then
      # 11 s: wrk2's first second sends nothing (above).
      cpu="$(cpu_of "$work/wrk2.txt" taskset -c "$CLIENT_CPU" "$WRK2" -t1 -c32 -d11s -R100 "$url")"
      echo "${cpu%% *}" >>"$work/wi.txt" # the total; the steady rate means nothing here
    else
      cpu="$(cpu_of "$work/mb.json" taskset -c "$CLIENT_CPU" "$root/meshbench" run \
        --url "$url" --rate 100 --duration 10s --warmup 0s --no-progress --format json)"
      echo "${cpu%% *}" >>"$work/mi.txt"
    fi
  done
  printf 'round %d: wrk2 cpu %5.2f s | meshbench cpu %5.2f s\n' "$round" \
    "$(tail -n 1 "$work/wi.txt")" "$(tail -n 1 "$work/mi.txt")"
done
printf 'median idle: wrk2 cpu %.2f s | meshbench cpu %.2f s (target <= 1.5 s)\n' \
  "$(median <"$work/wi.txt")" "$(median <"$work/mi.txt")"
