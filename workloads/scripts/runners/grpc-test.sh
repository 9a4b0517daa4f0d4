#!/usr/bin/env bash
# gRPC benchmark: unary calls to a gRPC service (the built-in target's echo service by default).
#
# Runs `meshbench run --protocol grpc` with the environment-variable contract of DESIGN §9 (see
# common.sh for every variable and its default) and writes the job document to
# $RESULTS_DIR/<mesh>_grpc_<UTC timestamp>.json. Exits non-zero on any failure, without a result.
#
#   MESH_TYPE=istio TEST_DURATION=60 CONCURRENT_CONNECTIONS=32 RESULTS_DIR=results \
#     SERVICE_URL=grpc://echo.bench:50051 grpc-test.sh
set -euo pipefail
RUNNER_NAME="$(basename "${BASH_SOURCE[0]}")"
# shellcheck source-path=SCRIPTDIR
# shellcheck source=common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
meshbench_runner grpc "$@"
