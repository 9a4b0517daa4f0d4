#!/usr/bin/env bash
# The runner scripts (workloads/scripts/runners/), end to end against the built-in target:
#
#   - each protocol that this build has: its script runs for 2 s into a RESULTS_DIR that does not
#     exist yet and must leave exactly one <mesh>_<type>_<UTC timestamp>.json, a completed job
#     document of that test type with requests > 0, NAMESPACE in its spec.namespace, mode 0644,
#     and stdout naming that file (never the temporary .partial one);
#   - a protocol that this build does not have yet (meshbench run exits 2 with "not available in
#     this build") is reported SKIPPED, loudly; any other outcome of the probe fails the check;
#   - bad input (non-numeric TEST_DURATION, CONCURRENT_CONNECTIONS; a RESULTS_DIR that cannot be
#     created) is refused naming the variable, with no result file;
#   - http-load-test.sh against a dead URL exits non-zero and leaves no result file.
#
#   .ci/check-runners.sh     (needs platform/target/meshbench.jar, python3)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

jar="platform/target/meshbench.jar"
runners="workloads/scripts/runners"
[ -f "$jar" ] || { echo "check-runners: $jar is missing; build it first" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf -- "$work"' EXIT
failures=0
passed=0
skipped=()

pass() {
  echo "  PASS $*"
  passed=$((passed + 1))
}
fail() {
  echo "  FAIL $*"
  failures=$((failures + 1))
}

# A loopback port that nothing listens on.
dead_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Prints "yes" when this build runs PROTOCOL, "no" when it says it is not available in this build;
# anything else is a failure of the check.
available() {
  local protocol="$1" status=0
  java -jar "$jar" run --protocol "$protocol" --duration 1s --warmup 0s --rate 10 \
    --no-progress --format json >"$work/probe.out" 2>"$work/probe.err" || status=$?
  if [ "$status" -eq 0 ]; then
    echo yes
  elif [ "$status" -eq 2 ] && grep -q "not available in this build" "$work/probe.err"; then
    echo no
  else
    echo "probe of --protocol $protocol exited $status:" >&2
    cat "$work/probe.err" >&2
    echo error
  fi
}

# Checks DIR holds exactly one result of TYPE for mesh baseline: a completed document.
check_result() {
  local dir="$1" type="$2"
  python3 - "$dir" "$type" "$work/out.txt" <<'EOF'
import json, os, re, stat, sys
d, t, out = sys.argv[1], sys.argv[2], sys.argv[3]
files = sorted(os.listdir(d))
pattern = re.compile(r"^baseline_%s_\d{8}T\d{6}Z\.json$" % re.escape(t))
if len(files) != 1 or not pattern.match(files[0]):
    sys.exit("expected one baseline_%s_<YYYYMMDDTHHMMSSZ>.json in %s, found %s" % (t, d, files))
doc = json.load(open(os.path.join(d, files[0])))
problems = []
if doc.get("status") != "completed":
    problems.append("status %r" % doc.get("status"))
if doc.get("spec", {}).get("test_type") != t:
    problems.append("test_type %r" % doc.get("spec", {}).get("test_type"))
if not (doc.get("result") or {}).get("requests", 0) > 0:
    problems.append("no requests measured")
if doc.get("spec", {}).get("namespace") != "bench-ns":
    problems.append("spec.namespace %r, not NAMESPACE=bench-ns" % doc.get("spec", {}).get("namespace"))
mode = stat.S_IMODE(os.stat(os.path.join(d, files[0])).st_mode)
if mode != 0o644:
    problems.append("mode %o, not 644" % mode)
stdout = open(out).read()
if ".partial" in stdout or os.path.join(d, files[0]) not in stdout:
    problems.append("stdout does not name the result file (or names the .partial one): %r"
                    % stdout.strip().splitlines()[-1:])
if problems:
    sys.exit("%s: %s" % (files[0], ", ".join(problems)))
print("%s: completed, %d requests, p99 %.3f ms" % (files[0], doc["result"]["requests"],
                                                   doc["result"]["latency_ms"]["p99"]))
EOF
}

# Runs a runner with the given environment; "$work/out.txt" and "$work/err.txt" keep its output.
run_runner() {
  local script="$1"
  shift
  local status=0
  env "$@" "$runners/$script" >"$work/out.txt" 2>"$work/err.txt" || status=$?
  echo "$status"
}

base_env=(MESH_TYPE=baseline NAMESPACE=bench-ns TEST_DURATION=2 WARMUP=0 RATE=200
  CONCURRENT_CONNECTIONS=4)

# script:protocol — http2 runs through http-load-test.sh with HTTP_VERSION=2.
for case in http-load-test.sh:http http-load-test.sh:http2 grpc-test.sh:grpc \
  websocket-test.sh:websocket ml-workload.sh:ml; do
  script="${case%%:*}"
  protocol="${case##*:}"
  extra=()
  if [ "$protocol" = "http2" ]; then extra=(HTTP_VERSION=2); fi
  echo "-- $script ($protocol)"

  # Bad input never needs the protocol: refused before meshbench starts.
  for bad in TEST_DURATION=ten CONCURRENT_CONNECTIONS=many MESH_TYPE=istio; do
    dir="$work/bad-$protocol-${bad%%=*}"
    status="$(run_runner "$script" "${base_env[@]}" "${extra[@]}" "$bad" RESULTS_DIR="$dir")"
    if [ "$status" -ne 0 ] && grep -q "${bad%%=*}" "$work/err.txt" \
      && [ -z "$(ls -A "$dir" 2>/dev/null)" ]; then
      pass "$bad refused (exit $status): $(cat "$work/err.txt")"
    else
      fail "$bad: exit $status, stderr: $(cat "$work/err.txt")"
    fi
  done

  case "$(available "$protocol")" in
    no)
      echo "  SKIPPED($protocol not in this build): meshbench run --protocol $protocol says:" \
        "$(cat "$work/probe.err")"
      skipped+=("$script ($protocol)")
      continue
      ;;
    error)
      fail "$protocol: the availability probe failed (see above)"
      continue
      ;;
  esac

  dir="$work/results-$protocol/not/yet/there"
  status="$(run_runner "$script" "${base_env[@]}" "${extra[@]}" RESULTS_DIR="$dir")"
  if [ "$status" -eq 0 ] && summary="$(check_result "$dir" "$protocol" 2>&1)"; then
    pass "end to end against the built-in target: $summary"
  else
    fail "end to end: exit $status; ${summary:-}"
    sed 's/^/    | /' "$work/err.txt" "$work/out.txt" | tail -n 30
  fi
done

echo "-- http-load-test.sh against a dead URL"
dir="$work/dead"
url="http://127.0.0.1:$(dead_port)/"
status="$(run_runner http-load-test.sh "${base_env[@]}" SERVICE_URL="$url" RESULTS_DIR="$dir")"
if [ "$status" -ne 0 ] && [ -z "$(ls -A "$dir" 2>/dev/null)" ]; then
  pass "$url: exit $status, no result file: $(tail -n 1 "$work/err.txt")"
else
  fail "$url: exit $status, results: $(ls -A "$dir" 2>/dev/null)"
fi

echo "-- a RESULTS_DIR that cannot be created"
status="$(run_runner http-load-test.sh "${base_env[@]}" RESULTS_DIR=/dev/null/results)"
if [ "$status" -ne 0 ] && grep -q RESULTS_DIR "$work/err.txt"; then
  pass "refused (exit $status): $(cat "$work/err.txt")"
else
  fail "RESULTS_DIR=/dev/null/results: exit $status, stderr: $(cat "$work/err.txt")"
fi

echo "runner checks: $passed passed, $failures failed, ${#skipped[@]} skipped"
for s in "${skipped[@]}"; do
  echo "  SKIPPED: $s — protocol not in this build; this check runs it end to end once it is"
done
[ "$failures" -eq 0 ]
