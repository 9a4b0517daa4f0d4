#!/usr/bin/env bash
# HTTP load test: HTTP/1.1 (keep-alive) by default, HTTP/2 (h2c) with HTTP_VERSION=2.
#
# Runs `meshbench run --protocol http` (or http2) with the environment-variable contract of
# DESIGN §9 (see common.sh for every variable and its default) and writes the job document to
# $RESULTS_DIR/<mesh>_<http|http2>_<UTC timestamp>.json. Exits non-zero on any failure, without a
# result.
#
#   MESH_TYPE=istio TEST_DURATION=60 CONCURRENT_CONNECTIONS=32 RESULTS_DIR=results \
#     SERVICE_URL=http://echo.bench:8080/ http-load-test.sh
#
#   HTTP_VERSION  1.1 (default) or 2
set -euo pipefail
RUNNER_NAME="$(basename "${BASH_SOURCE[0]}")"
# shellcheck source-path=SCRIPTDIR
# shellcheck source=common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

case "${HTTP_VERSION:-1.1}" in
  1.1 | 1) protocol=http ;;
  2) protocol=http2 ;;
  *) runner_die 2 "HTTP_VERSION must be 1.1 or 2 (got '${HTTP_VERSION}')" ;;
esac
meshbench_runner "$protocol" "$@"
