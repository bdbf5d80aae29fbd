#!/usr/bin/env bash
# Pol against nginx on the same machine, in the same run (issue 18 §3): `pol serve` (Release) answers the
# public article page and an authenticated small JSON resource; nginx serves the very same bytes from disk
# (captured from Pol first, same Content-Type). Each side gets `wrk -t2 -c64 -dDUR --latency` in turn; the
# ratio is Pol's requests/s over nginx's. wrk asks for no compression, so neither side compresses.
# Traffic stays on loopback. Usage: BUILD=build-rel scripts/bench_vs_nginx.sh
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build-rel}
POL=$BUILD/src/cli/pol
DUR=${DUR:-10}
[ -x "$POL" ] || { echo "build first: cmake -B $BUILD -DCMAKE_BUILD_TYPE=Release && ninja -C $BUILD pol" >&2; exit 1; }
command -v nginx >/dev/null || { echo "nginx is missing (scripts/install-deps.sh installs it)" >&2; exit 1; }
echo "# machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'); load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# date: $(date -u +%Y-%m-%dT%H:%MZ); pol: $(git rev-parse --short HEAD); $(nginx -v 2>&1)"
work=$(mktemp -d)
trap 'kill $pid 2>/dev/null || true; [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null; rm -rf "$work"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
$POL init --data "$work/data" >/dev/null
$POL demo --data "$work/data" >/dev/null
port=$(free_port)
POL_LOG_LEVEL=error $POL serve --data "$work/data" --listen 127.0.0.1:$port 2>"$work/serve.log" &
pid=$!
until curl -sf "http://127.0.0.1:$port/readyz" >/dev/null; do sleep 0.01; done
cookie=$(curl -s -D - -o /dev/null -H 'content-type: application/json' \
  -d '{"login":"council","password":"demo1405"}' "http://127.0.0.1:$port/api/v1/auth/login" |
  sed -n 's/^[Ss]et-[Cc]ookie: \(pol_session=[^;]*\).*/\1/p')
# The bytes nginx will serve: what Pol answers.
mkdir -p "$work/www/news" "$work/www/api"
curl -sf "http://127.0.0.1:$port/news/1" -o "$work/www/news/1.html"
curl -sf -H "Cookie: $cookie" "http://127.0.0.1:$port/api/v1/councils/1" -o "$work/www/api/council.json"
nport=$(free_port)
cat >"$work/nginx.conf" <<CONF
worker_processes auto;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log $work/nginx-access.log;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  server {
    listen 127.0.0.1:$nport;
    root $work/www;
    location = /news/1 { default_type "text/html; charset=utf-8"; try_files /news/1.html =404; }
    location = /api/v1/councils/1 { default_type application/json; try_files /api/council.json =404; }
  }
}
CONF
chmod -R a+rX "$work/www" && chmod a+x "$work"  # nginx's workers run as nobody
nginx -p "$work" -c "$work/nginx.conf"
tries=0
until curl -sf "http://127.0.0.1:$nport/news/1" >/dev/null; do
  sleep 0.05; tries=$((tries + 1)); [ $tries -lt 100 ] || { cat "$work/nginx-error.log" >&2; exit 1; }
done
run() {  # name url [cookie]
  POL_COOKIE="${3:-}" wrk -t2 -c64 -d${DUR}s --latency -s bench/http/auth_get.lua "$2" | grep RESULT |
    sed "s/^/$1: /"
}
echo "article_bytes=$(stat -c %s "$work/www/news/1.html") json_bytes=$(stat -c %s "$work/www/api/council.json")"
run pol_article "http://127.0.0.1:$port/news/1"
run nginx_article "http://127.0.0.1:$nport/news/1"
run pol_auth_json "http://127.0.0.1:$port/api/v1/councils/1" "$cookie"
run nginx_json "http://127.0.0.1:$nport/api/v1/councils/1"
