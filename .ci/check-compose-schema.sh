#!/usr/bin/env bash
# The compose files against the Compose Specification's JSON schema, with dclint (npm), since no
# Docker engine or `docker compose` is available here. dclint's style-only rules (key order,
# alphabetical services and ports, quoted ports) are off in .ci/dclint.json, and so is
# no-build-and-image: the meshbench service builds the image *and* names it, so that the same
# name can be given to pods as MESHBENCH_IMAGE. Every other rule stays on, warnings included.
#
#   .ci/check-compose-schema.sh    (needs npm; installs dclint into a cache directory)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

version=3.1.0
tools="${XDG_CACHE_HOME:-$HOME/.cache}/meshbench-ci/dclint-$version"
if [ ! -x "$tools/node_modules/.bin/dclint" ]; then
  echo "installing dclint $version into $tools"
  mkdir -p "$tools"
  npm install --prefix "$tools" --no-audit --no-fund --loglevel=error "dclint@$version"
fi
"$tools/node_modules/.bin/dclint" --version
"$tools/node_modules/.bin/dclint" -c .ci/dclint.json --max-warnings 0 \
  docker-compose.yml docker-compose.full.yml
echo "docker-compose.yml and docker-compose.full.yml follow the Compose Specification schema"
