#!/usr/bin/env bash
# ML inference benchmark: Open Inference Protocol v2 (KServe, Triton, Seldon) requests.
#
# Runs `meshbench run --protocol ml` with the environment-variable contract of DESIGN §9 (see
# common.sh for every variable and its default) and writes the job document to
# $RESULTS_DIR/<mesh>_ml_<UTC timestamp>.json. Exits non-zero on any failure, without a result.
#
#   MESH_TYPE=istio TEST_DURATION=60 CONCURRENT_CONNECTIONS=32 RESULTS_DIR=results \
#     SERVICE_URL=http://model.bench:8080/ ml-workload.sh
set -euo pipefail
RUNNER_NAME="$(basename "${BASH_SOURCE[0]}")"
# shellcheck source-path=SCRIPTDIR
# shellcheck source=common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
meshbench_runner ml "$@"
