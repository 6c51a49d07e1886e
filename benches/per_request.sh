#!/usr/bin/env bash
# Per-request cost of postie against the floor of a bare HTTP client (curl on one
# keep-alive connection, no checks) and against newman 6.2.2, all in the same run
# against the same local server. The workload of issue 12: GET a small JSON
# document; test script `pm.test` with `pm.response.to.have.status(200)`,
# `pm.response.json()`, two `pm.expect`, one `pm.environment.set`.
#
#   bash benches/per_request.sh
#   N=2000 NEWMAN_N=200 REPS=7 bash benches/per_request.sh
#   POSTIE=target/release/postie NEWMAN=/path/to/newman bash benches/per_request.sh
#
# The server is `postie mock` of a one-request collection with a saved example,
# started here on 127.0.0.1 (keep-alive, multi-threaded; curl's figure shows it
# is not the bottleneck). Each tool runs N requests and 1 request; the cost per
# request is (wall at N - wall at 1) / (N - 1), so start-up is left out of it.
# Runs are alternated (every case once per repetition, REPS repetitions) so a
# load change on a shared machine hits all tools alike; medians are printed,
# with CPU time (perf's task-clock of the client process only, or user + system
# from /usr/bin/time without perf) beside wall time.
#
# CPUS=C,S pins every client to CPU C and the server to CPU S (taskset); the
# default is 0,1 on a machine with two CPUs or more, CPUS=none leaves placement
# to the scheduler. Unpinned, the wall time per request mostly measures where
# the scheduler put each client against the server: on one core a request's
# wake-ups are context switches, across two they wait for the idle core to wake
# (tens of µs on a VM), and it has been seen to put curl on the server's core
# and postie on the other in the same run. CPUS=0,1 is a server elsewhere, as
# in real use; CPUS=0,0 measures the work of client and server together.
#
# SERVER=nginx serves the same document from nginx (one worker process, keep-alive
# for any number of requests, no access log) instead of `postie mock`: a server
# in C with a small footprint, as the project's first measurement used. On one
# core the server's footprint is part of what a client's work costs (it passes
# through the same caches between two requests), so the two servers give
# different one-core figures; across cores they give about the same.
#
# Needs: cargo (a release build is made unless POSTIE is set), curl,
# /usr/bin/time, awk; node and npm to install newman into
# ~/.cache/postie/newman-6.2.2 when it is missing (SKIP_NEWMAN=1 to leave it out).
set -euo pipefail
cd "$(dirname "$0")/.."
n=${N:-1000}
newman_n=${NEWMAN_N:-200}
reps=${REPS:-5}
newman_dir=${NEWMAN_DIR:-$HOME/.cache/postie/newman-6.2.2}

need() {
  command -v "$1" >/dev/null 2>&1 || { echo "per_request.sh: $1 is needed but not found ($2)" >&2; exit 2; }
}
need curl "the floor and the server check"
client_pin=()
server_pin=()
if [ -z "${CPUS+set}" ] && [ "$(nproc)" -ge 2 ] && command -v taskset >/dev/null 2>&1; then
  CPUS=0,1
fi
[ "${CPUS:-}" = none ] && CPUS=
if [ -n "${CPUS:-}" ]; then
  need taskset "CPUS pins client and server (util-linux)"
  client_pin=(taskset -c "${CPUS%%,*}")
  server_pin=(taskset -c "${CPUS##*,}")
fi
need awk "medians"
[ -x /usr/bin/time ] || { echo "per_request.sh: /usr/bin/time is needed (apt-get install time)" >&2; exit 2; }

if [ -n "${POSTIE:-}" ]; then
  bin=$POSTIE
else
  need cargo "to build postie"
  cargo build --release --quiet --bin postie
  bin=target/release/postie
fi

newman=""
if [ "${SKIP_NEWMAN:-0}" != 1 ]; then
  newman=${NEWMAN:-$newman_dir/node_modules/.bin/newman}
  if [ ! -x "$newman" ]; then
    need npm "to install newman 6.2.2 into $newman_dir; SKIP_NEWMAN=1 to leave newman out"
    echo "installing newman 6.2.2 into $newman_dir" >&2
    mkdir -p "$newman_dir"
    npm install --silent --no-audit --no-fund --prefix "$newman_dir" newman@6.2.2 >/dev/null
    newman=$newman_dir/node_modules/.bin/newman
  fi
fi

tmp=$(mktemp -d)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port=$((20000 + RANDOM % 20000))
url="http://127.0.0.1:$port/users/7"
body='{\"id\":7,\"name\":\"Ada\",\"tags\":[\"a\",\"b\"]}'
# collection NAME EVENTS: a one-request collection with a saved example.
collection() {
  cat >"$tmp/$1.json" <<JSON
{
  "info": { "name": "per-request bench", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json" },
  "item": [{
    "name": "Get user",
    "request": { "method": "GET", "url": "$url" },
    "event": [$2],
    "response": [{
      "name": "ok", "code": 200, "status": "OK",
      "originalRequest": { "method": "GET", "url": "$url" },
      "header": [{ "key": "Content-Type", "value": "application/json" }],
      "body": "$body"
    }]
  }]
}
JSON
}
collection script '{ "listen": "test", "script": { "exec": [
  "pm.test(\"Status code is 200\", function () {",
  "    pm.response.to.have.status(200);",
  "    var json = pm.response.json();",
  "    pm.expect(json.id).to.eql(7);",
  "    pm.expect(json.name).to.eql(\"Ada\");",
  "    pm.environment.set(\"userId\", json.id);",
  "});"
] } }'
collection bare ''

server=${SERVER:-mock}
case $server in
  mock)
    "${server_pin[@]}" "$bin" mock "$tmp/script.json" --port "$port" >"$tmp/server.log" 2>&1 &
    ;;
  nginx)
    need nginx "SERVER=nginx (apt-get install nginx-light)"
    mkdir -p "$tmp/nginx"
    cat >"$tmp/nginx/nginx.conf" <<CONF
daemon off;
master_process off;
worker_processes 1;
pid $tmp/nginx/nginx.pid;
error_log $tmp/server.log;
events { worker_connections 64; }
http {
  access_log off;
  keepalive_requests 1000000;
  keepalive_timeout 60s;
  client_body_temp_path $tmp/nginx/body;
  proxy_temp_path $tmp/nginx/proxy;
  fastcgi_temp_path $tmp/nginx/fastcgi;
  uwsgi_temp_path $tmp/nginx/uwsgi;
  scgi_temp_path $tmp/nginx/scgi;
  server {
    listen 127.0.0.1:$port;
    location = /users/7 { default_type application/json; return 200 '{"id":7,"name":"Ada","tags":["a","b"]}'; }
  }
}
CONF
    "${server_pin[@]}" nginx -p "$tmp/nginx" -c "$tmp/nginx/nginx.conf" >>"$tmp/server.log" 2>&1 &
    ;;
  *) echo "per_request.sh: SERVER is mock or nginx, not $server" >&2; exit 2 ;;
esac
server_pid=$!
for _ in $(seq 100); do
  curl -s -o /dev/null "$url" && break
  kill -0 "$server_pid" 2>/dev/null || { echo "per_request.sh: the $server server exited:" >&2; cat "$tmp/server.log" >&2; exit 1; }
  sleep 0.05
done
curl -sf -o /dev/null "$url" || { echo "per_request.sh: the $server server does not answer on $url" >&2; exit 1; }

# curl's config: COUNT URLs on one process (one keep-alive connection), bodies dropped.
curl_config() {
  local f=$tmp/curl-$1.cfg
  : >"$f"
  for _ in $(seq "$1"); do printf 'url = "%s"\noutput = "/dev/null"\n' "$url" >>"$f"; done
  echo "$f"
}
curl_n=$(curl_config "$n")
curl_1=$(curl_config 1)

# CPU time: perf's task-clock (ms resolution) when perf can count, else /usr/bin/time's user + system (10 ms).
cpu_clock=()
if command -v perf >/dev/null 2>&1 && perf stat -x, -o "$tmp/p" -e task-clock -- true >/dev/null 2>&1; then
  cpu_clock=(perf stat -x, -o "$tmp/p" -e task-clock --)
else
  echo "per_request.sh: perf cannot count here; CPU times come from /usr/bin/time (10 ms resolution)" >&2
fi

# run CASE CMD...: one run; appends "wall_ms cpu_ms rss_kb" to $tmp/CASE; fails loudly if the run failed.
run() {
  local case=$1; shift
  local t0 t1
  t0=$EPOCHREALTIME
  if ! "${cpu_clock[@]}" "${client_pin[@]}" /usr/bin/time -f "%U %S %M" -o "$tmp/t" "$@" >"$tmp/out" 2>&1; then
    echo "per_request.sh: $case failed:" >&2
    tail -20 "$tmp/out" >&2
    exit 1
  fi
  t1=$EPOCHREALTIME
  read -r user sys kb <"$tmp/t"
  if [ ${#cpu_clock[@]} -gt 0 ]; then
    # task-clock in ms (the client and /usr/bin/time, which costs about as much as /bin/true's row)
    user=$(awk -F, '/task-clock/ { print $1 / 1000; exit }' "$tmp/p")
    sys=0
  fi
  awk -v a="$t0" -v b="$t1" -v u="$user" -v s="$sys" -v k="$kb" \
    'BEGIN { printf "%.3f %.1f %d\n", (b - a) * 1000, (u + s) * 1000, k }' >>"$tmp/$case"
}

cases=(curl-n curl-1 script-n script-1 bare-n bare-1 version true)
[ -n "$newman" ] && cases+=(newman-n newman-1 newman-version)
one_rep() {
  for c in "${cases[@]}"; do
    case $c in
      curl-n) run "$c" curl -s --config "$curl_n" ;;
      curl-1) run "$c" curl -s --config "$curl_1" ;;
      script-n) run "$c" "$bin" run "$tmp/script.json" -n "$n" -r json --reporter-json-export /dev/null ;;
      script-1) run "$c" "$bin" run "$tmp/script.json" -r json --reporter-json-export /dev/null ;;
      bare-n) run "$c" "$bin" run "$tmp/bare.json" -n "$n" -r json --reporter-json-export /dev/null ;;
      bare-1) run "$c" "$bin" run "$tmp/bare.json" -r json --reporter-json-export /dev/null ;;
      version) run "$c" "$bin" --version ;;
      true) run "$c" /bin/true ;;
      newman-n) run "$c" "$newman" run "$tmp/script.json" -n "$newman_n" -r json --reporter-json-export /dev/null ;;
      newman-1) run "$c" "$newman" run "$tmp/script.json" -r json --reporter-json-export /dev/null ;;
      newman-version) run "$c" "$newman" --version ;;
    esac
  done
}

# median CASE COLUMN: median of a column (1 wall ms, 2 CPU ms, 3 RSS kB) over the repetitions.
median() {
  awk -v c="$2" '{ print $c }' "$tmp/$1" | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}
# per CASE COLUMN COUNT: per-request ms, (median at COUNT - median at 1) / (COUNT - 1).
per() {
  awk -v a="$(median "$1-n" "$2")" -v b="$(median "$1-1" "$2")" -v k="$3" 'BEGIN { printf "%.3f", (a - b) / (k - 1) }'
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for r in $(seq "$reps"); do
  echo "repetition $r/$reps (load $(cut -d' ' -f1 /proc/loadavg))" >&2
  one_rep
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

curl_wall=$(per curl 1 "$n")
curl_cpu=$(per curl 2 "$n")
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1fx", a / b }'; }
row() { # NAME CASE COUNT
  local w c
  w=$(per "$2" 1 "$3")
  c=$(per "$2" 2 "$3")
  printf '| %s | %s ms | %s | %s ms | %.1f ms | %.1f ms | %d MiB |\n' "$1" "$w" "$(ratio "$w" "$curl_wall")" "$c" \
    "$(median "$2-1" 1)" "$(median "$2-1" 2)" $(($(median "$2-n" 3) / 1024))
}

echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo), Linux $(uname -r)"
placement="left to the scheduler"
[ -n "${CPUS:-}" ] && placement="clients on CPU ${CPUS%%,*}, server on CPU ${CPUS##*,}"
echo "load average before: $load_before; after: $load_after; N=$n (newman: $newman_n), $reps repetitions, medians; server: $server; placement: $placement"
echo
echo "| client | per request (wall) | x curl | per request (client CPU) | 1-request run (wall) | 1-request run (CPU) | peak memory |"
echo "|---|---|---|---|---|---|---|"
row "curl, one keep-alive connection, no checks (floor)" curl "$n"
row "postie, workload script" script "$n"
row "postie, no script" bare "$n"
[ -n "$newman" ] && row "newman 6.2.2, workload script" newman "$newman_n"
echo
printf '| `--version` | wall | CPU |\n|---|---|---|\n'
printf '| postie | %.1f ms | %.1f ms |\n' "$(median version 1)" "$(median version 2)"
printf '| `/bin/true` (what starting a process under this harness costs here) | %.1f ms | %.1f ms |\n' "$(median true 1)" "$(median true 2)"
[ -n "$newman" ] && printf '| newman 6.2.2 | %.1f ms | %.1f ms |\n' "$(median newman-version 1)" "$(median newman-version 2)"
exit 0
