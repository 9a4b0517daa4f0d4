#!/usr/bin/env bash
# A throwaway PostgreSQL for the tests: a fresh cluster in a temp directory, on a free loopback
# port, trust authentication (nothing else can reach it), gone after `stop`.
#
#   eval "$(.ci/postgres.sh start)"   # sets MESHBENCH_TEST_DATABASE_URL and MESHBENCH_CI_PG_DIR
#   .ci/postgres.sh stop              # stops the server and deletes its directory
#   .ci/postgres.sh pause / resume    # stops the server / starts it again, same port and data
#                                     # (tests of a database that restarts under the server)
#
# `start` prints only the export lines on stdout; everything else goes to stderr. `stop` finds the
# cluster through MESHBENCH_CI_PG_DIR, or else through the path that `start` wrote to $STATE_FILE.
set -euo pipefail

STATE_FILE="${TMPDIR:-/tmp}/meshbench-ci-pg.path"
DATABASE=meshbench_test

log() { echo "postgres.sh: $*" >&2; }

# Runs a command as root: directly when we are root, else through sudo.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# PostgreSQL refuses to run as root, so as root the cluster belongs to user postgres.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# The newest installed server's bin directory, installing PostgreSQL if there is none.
pg_bin() {
  local candidates
  candidates="$(compgen -G '/usr/lib/postgresql/*/bin/initdb' || true)"
  if [ -z "$candidates" ]; then
    log "PostgreSQL is not installed; installing it with apt-get"
    as_root apt-get update >&2
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y postgresql >&2
    candidates="$(compgen -G '/usr/lib/postgresql/*/bin/initdb' || true)"
    [ -n "$candidates" ] || { log "no initdb under /usr/lib/postgresql after installing"; exit 1; }
  fi
  dirname "$(sort -V <<<"$candidates" | tail -n 1)"
}

# A TCP port on 127.0.0.1 that nothing listens on now.
free_port() {
  if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
    return
  fi
  local port
  for port in $(seq 20000 40000 | shuf); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
  log "no free port found"
  exit 1
}

# A start that fails half-way leaves nothing behind: no server, no directory.
abandon_start() {
  local status=$?
  if [ "$status" -ne 0 ] && [ -n "${STARTING_DIR:-}" ]; then
    if [ -f "$STARTING_DIR/postgres.log" ]; then
      tail -n 20 "$STARTING_DIR/postgres.log" >&2
    fi
    MESHBENCH_CI_PG_DIR="$STARTING_DIR" stop
  fi
}

start() {
  local bin dir port attempt
  bin="$(pg_bin)"
  # Under /tmp (world-traversable) rather than $TMPDIR, which may sit in a home directory that
  # user postgres cannot enter.
  dir="$(mktemp -d /tmp/meshbench-pg.XXXXXX)"
  echo "$dir" >"$STATE_FILE"
  STARTING_DIR="$dir"
  trap abandon_start EXIT
  chmod 755 "$dir"
  mkdir -m 700 "$dir/data"
  mkdir -m 755 "$dir/socket"
  if [ "$(id -u)" -eq 0 ]; then
    chown -R postgres: "$dir"
  fi
  log "initdb in $dir with $bin"
  as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C --no-sync \
    >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }

  # Another process may take the port between choosing and binding it: try a few.
  for attempt in 1 2 3 4 5; do
    port="$(free_port)"
    # fsync off: this cluster is thrown away, and the tests measure the stores, not the disk.
    if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 start \
      -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$dir/socket -c fsync=off" \
      >&2; then
      break
    fi
    log "start on port $port failed (attempt $attempt)"
    tail -n 5 "$dir/postgres.log" >&2 || true
    port=""
  done
  [ -n "$port" ] || { log "PostgreSQL did not start"; exit 1; }

  echo "$port" >"$dir/port"
  "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres "$DATABASE"
  trap - EXIT
  log "$("$bin/postgres" --version) on 127.0.0.1:$port, data in $dir"
  echo "export MESHBENCH_TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:$port/$DATABASE"
  echo "export MESHBENCH_CI_PG_DIR=$dir"
}

# The cluster's directory from MESHBENCH_CI_PG_DIR or $STATE_FILE, only one this script created.
cluster_dir() {
  local dir="${MESHBENCH_CI_PG_DIR:-}"
  if [ -z "$dir" ] && [ -f "$STATE_FILE" ]; then
    dir="$(cat "$STATE_FILE")"
  fi
  case "$dir" in
    /tmp/meshbench-pg.*) [ -d "$dir/data" ] && echo "$dir" && return 0 ;;
  esac
  log "no throwaway PostgreSQL here (MESHBENCH_CI_PG_DIR='$dir')"
  exit 1
}

pause() {
  local dir
  dir="$(cluster_dir)"
  as_owner "$(pg_bin)/pg_ctl" -D "$dir/data" -m fast -w stop >&2
}

resume() {
  local dir port
  dir="$(cluster_dir)"
  port="$(cat "$dir/port")"
  as_owner "$(pg_bin)/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 start \
    -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$dir/socket -c fsync=off" \
    >&2
}

stop() {
  local dir="${MESHBENCH_CI_PG_DIR:-}"
  if [ -z "$dir" ] && [ -f "$STATE_FILE" ]; then
    dir="$(cat "$STATE_FILE")"
  fi
  if [ -z "$dir" ] || [ ! -d "$dir" ]; then
    log "no throwaway PostgreSQL to stop"
    return 0
  fi
  case "$dir" in
    /tmp/meshbench-pg.*) ;;
    *) log "refusing to remove $dir: not a directory this script created"; exit 1 ;;
  esac
  if [ -f "$dir/data/postmaster.pid" ]; then
    as_owner "$(pg_bin)/pg_ctl" -D "$dir/data" -m fast -w stop >&2 || true
  fi
  rm -rf "$dir"
  if [ -f "$STATE_FILE" ] && [ "$(cat "$STATE_FILE")" = "$dir" ]; then
    rm -f "$STATE_FILE"
  fi
  log "stopped and removed $dir"
}

# User postgres may not be allowed into the caller's directory; nothing here needs it.
cd /

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  pause) pause ;;
  resume) resume ;;
  *)
    echo "usage: $0 start|stop|pause|resume" >&2
    exit 2
    ;;
esac
