#!/usr/bin/env bash
# Measures what the load generator's own threads allocate per request, with JFR's allocation
# samples (jdk.ObjectAllocationSample, weighted to estimate all bytes), in a closed-model run
# against the built-in target. Prints bytes per request and the top allocation sites.
# Environment: DURATION_S (10), CONNECTIONS (32).
set -euo pipefail
DURATION_S="${DURATION_S:-10}"
CONNECTIONS="${CONNECTIONS:-32}"
[[ "$DURATION_S" =~ ^[0-9]+$ && "$CONNECTIONS" =~ ^[0-9]+$ ]] || { echo "numeric settings only" >&2; exit 1; }
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/platform/target/meshbench.jar"
[ -f "$jar" ] || "$root/meshbench" version >/dev/null
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

java -XX:StartFlightRecording="filename=$work/rec.jfr,settings=profile" -jar "$jar" run --rate 0 \
  --connections "$CONNECTIONS" --threads 1 --duration "${DURATION_S}s" --warmup 2s --no-progress \
  --output "$work/doc.json" >/dev/null 2>&1
jfr print --json --events jdk.ObjectAllocationSample "$work/rec.jfr" >"$work/alloc.json"
python3 - "$work/doc.json" "$work/alloc.json" <<'PY'
import collections, json, sys
doc = json.load(open(sys.argv[1]))
spec = doc["load_spec"]
requests = doc["result"]["requests"]
# Warm-up requests are sent too: count them at the measured rate.
total = requests * (1 + spec["warmup_ms"] / spec["duration_ms"])
events = json.load(open(sys.argv[2]))["recording"]["events"]
by_thread = collections.Counter()
sites = collections.Counter()
for e in events:
    v = e["values"]
    thread = (v.get("eventThread") or {}).get("javaName") or "?"
    by_thread[thread] += v["weight"]
    if thread.startswith("meshbench-load"):
        frames = (v.get("stackTrace") or {}).get("frames", [])[:3]
        where = " < ".join(f["method"]["type"]["name"].split("/")[-1] + "." + f["method"]["name"] for f in frames)
        sites[(v["objectClass"]["name"], where)] += v["weight"]
load = sum(w for t, w in by_thread.items() if t.startswith("meshbench-load"))
print(f"requests (incl. warm-up, est.): {total:,.0f}")
print(f"load-generator threads allocated: {load / 1e6:.2f} MB = {load / total:.2f} B/request (setup included)")
print("top allocation sites on the load thread:")
for (cls, where), w in sites.most_common(8):
    print(f"  {w / 1e6:8.3f} MB  {cls}  at {where}")
PY
