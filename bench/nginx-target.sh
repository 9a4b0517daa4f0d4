# Shared by the bench scripts (source it; it runs nothing by itself): a neutral nginx target
# pinned to one core, answering "ok\n" on every path, started in a work folder and stopped by
# the caller's cleanup.
# shellcheck shell=bash

# start_nginx WORK_DIR PORT CPU [LISTEN_FLAGS] — sets NGINX_PID; returns once the port accepts.
start_nginx() {
  local work="$1" port="$2" cpu="$3" flags="${4:-}"
  mkdir -p "$work/logs"
  cat >"$work/nginx.conf" <<CONF
worker_processes 1;
daemon off;
master_process off;
pid $work/nginx.pid;
error_log $work/logs/error.log warn;
events { worker_connections 8192; }
http {
  access_log off;
  keepalive_requests 100000000;
  keepalive_timeout 300s;
  http2_max_requests 100000000;
  http2_max_concurrent_streams 1000;
  client_body_temp_path $work/body;
  proxy_temp_path $work/proxy;
  fastcgi_temp_path $work/fastcgi;
  uwsgi_temp_path $work/uwsgi;
  scgi_temp_path $work/scgi;
  server {
    listen 127.0.0.1:$port $flags;
    location / { return 200 "ok\n"; }
  }
}
CONF
  taskset -c "$cpu" nginx -p "$work" -c "$work/nginx.conf" 2>"$work/logs/stderr.log" &
  NGINX_PID=$!
  local _
  for _ in $(seq 1 50); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      return 0
    fi
    sleep 0.1
  done
  echo "nginx did not start on port $port: $(cat "$work/logs/stderr.log")" >&2
  return 1
}

# stop_nginx — stops what start_nginx started, if anything.
stop_nginx() {
  if [ -n "${NGINX_PID:-}" ]; then
    kill "$NGINX_PID" 2>/dev/null || true
    wait "$NGINX_PID" 2>/dev/null || true
  fi
}

# median < numbers, one a line
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
