# shellcheck shell=bash
# Shared by the runner scripts in this directory; sourced, never run. It implements the
# environment-variable contract of DESIGN §9 once, so the four runners cannot drift apart:
#
#   MESH_TYPE               label of the mesh the target runs under        default baseline
#   NAMESPACE               recorded as the document's spec.namespace      default default
#   TEST_DURATION           measured seconds (whole number, >= 1)          default 60
#   WARMUP                  seconds sent but not recorded (whole, >= 0)    default 5
#   CONCURRENT_CONNECTIONS  connections (whole number, >= 1)               default 32
#   RATE                    requests (messages) per second; 0 = closed     default 1000
#   RESULTS_DIR             where the result goes; created when missing    default ./results
#   SERVICE_URL             the target; empty = meshbench's built-in one   default empty
#                           (needed with any MESH_TYPE but baseline)
#
# The result is the job document of `meshbench run`, written to
# $RESULTS_DIR/<mesh>_<type>_<UTC timestamp>.json only when the run completed (or completed and
# breached an SLO: exit 99, the measurement is real). Any failure exits non-zero and leaves no
# result file behind. Arguments after the script name go to `meshbench run` unchanged.

# Prints "<script>: MESSAGE" on stderr and exits with STATUS.
runner_die() {
  local status="$1"
  shift
  echo "${RUNNER_NAME:-runner}: $*" >&2
  exit "$status"
}

# Checks that variable NAME holds a whole number of at least MIN; exit 2 naming NAME otherwise.
runner_require_whole() {
  local name="$1" value="$2" min="$3"
  if ! [[ "$value" =~ ^[0-9]+$ ]] || [ "${#value}" -gt 9 ]; then
    runner_die 2 "$name must be a whole number (got '$value')"
  fi
  if [ "$((10#$value))" -lt "$min" ]; then
    runner_die 2 "$name must be at least $min (got '$value')"
  fi
}

# The launcher ./meshbench at the root of the checkout (or image) this script lives in.
runner_launcher() {
  local root
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
  if [ ! -x "$root/meshbench" ]; then
    runner_die 1 "the launcher $root/meshbench is missing or not executable"
  fi
  echo "$root/meshbench"
}

# meshbench_runner PROTOCOL [meshbench run flags...]: validates the environment, runs the
# benchmark, and moves its document into place only when the run measured something.
meshbench_runner() {
  local protocol="$1"
  shift

  local mesh="${MESH_TYPE:-baseline}"
  local namespace="${NAMESPACE:-default}"
  local duration="${TEST_DURATION:-60}"
  local warmup="${WARMUP:-5}"
  local connections="${CONCURRENT_CONNECTIONS:-32}"
  local rate="${RATE:-1000}"
  local results_dir="${RESULTS_DIR:-./results}"
  local service_url="${SERVICE_URL:-}"

  # MESH_TYPE is part of a file name: only meshbench's own words (it names the allowed ones).
  if ! [[ "$mesh" =~ ^[a-z0-9][a-z0-9-]*$ ]]; then
    runner_die 2 "MESH_TYPE must be one of baseline, istio, istio-ambient, linkerd, cilium, cilium-l7, consul (got '$mesh')"
  fi
  # The built-in target runs here, under no mesh: a mesh label needs the service that runs under it.
  if [ "$mesh" != "baseline" ] && [ -z "$service_url" ]; then
    runner_die 2 "MESH_TYPE $mesh needs SERVICE_URL, the service that runs under $mesh (meshbench's built-in target runs under no mesh: use MESH_TYPE=baseline without SERVICE_URL)"
  fi
  if [ "${#namespace}" -gt 63 ] || ! [[ "$namespace" =~ ^[a-z0-9]([-a-z0-9]*[a-z0-9])?$ ]]; then
    runner_die 2 "NAMESPACE must be a DNS-1123 label: at most 63 lower-case letters, digits and '-' (got '$namespace')"
  fi
  runner_require_whole TEST_DURATION "$duration" 1
  runner_require_whole WARMUP "$warmup" 0
  runner_require_whole CONCURRENT_CONNECTIONS "$connections" 1
  if ! [[ "$rate" =~ ^[0-9]+(\.[0-9]+)?$ ]]; then
    runner_die 2 "RATE must be a number of requests per second, 0 for the closed model (got '$rate')"
  fi
  if [ -z "$results_dir" ]; then
    runner_die 2 "RESULTS_DIR must not be empty"
  fi
  if ! mkdir -p -- "$results_dir" 2>/dev/null; then
    runner_die 1 "RESULTS_DIR '$results_dir' does not exist and cannot be created"
  fi
  if [ ! -d "$results_dir" ] || [ ! -w "$results_dir" ]; then
    runner_die 1 "RESULTS_DIR '$results_dir' is not a writable directory"
  fi

  local launcher
  launcher="$(runner_launcher)"

  local stamp name result partial
  stamp="$(date -u +%Y%m%dT%H%M%SZ)"
  name="${mesh}_${protocol}_${stamp}.json"
  result="$results_dir/$name"
  partial="$results_dir/.$name.$$.partial"
  if [ -e "$result" ]; then
    runner_die 1 "$result exists already; not overwriting it"
  fi
  # Whatever happens below, the partial document never stays behind.
  RUNNER_PARTIAL="$partial"
  trap 'rm -f -- "$RUNNER_PARTIAL"' EXIT

  local -a args=(
    run
    --protocol "$protocol"
    --mesh-type "$mesh"
    --namespace "$namespace"
    --duration "${duration}s"
    --warmup "${warmup}s"
    --connections "$connections"
    --rate "$rate"
    --output "$partial"
  )
  if [ -n "$service_url" ]; then
    args+=(--url "$service_url")
  fi

  echo "${RUNNER_NAME:-runner}: $protocol against ${service_url:-the built-in target}, mesh $mesh," \
    "${duration}s after ${warmup}s warm-up, rate $rate, $connections connections" >&2
  # The report goes to stdout as it comes, without its line about the temporary file: stdout
  # names the final file below. PIPESTATUS keeps meshbench's exit code, not sed's.
  local -a statuses
  "$launcher" "${args[@]}" "$@" | sed -u '/^Job document written to /d' \
    && statuses=("${PIPESTATUS[@]}") || statuses=("${PIPESTATUS[@]}")
  local status="${statuses[0]}"

  case "$status" in
    0 | 99) ;;
    *) runner_die "$status" "meshbench run failed (exit $status); no result written" ;;
  esac
  if [ ! -s "$partial" ] || ! grep -Eq '"status"[[:space:]]*:[[:space:]]*"completed"' "$partial"; then
    runner_die 1 "meshbench run exited $status but wrote no completed job document; no result written"
  fi
  mv -- "$partial" "$result"
  echo "Job document written to $result"
  if [ "$status" -eq 99 ]; then
    runner_die 99 "an SLO was breached (the result above is kept: it was measured)"
  fi
}
