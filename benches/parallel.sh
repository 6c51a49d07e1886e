#!/usr/bin/env bash
# `postie run --parallel 8` against a sequential run, at scale: ITERATIONS
# iterations (10,000 by default) of a one-request collection with one test
# script, against `postie mock --delay 2` (answers after about 2 ms) on this
# machine. Also newman 6.2.2 on NEWMAN_ITERATIONS iterations, if found.
#
#   bash benches/parallel.sh
#   ITERATIONS=2000 NEWMAN_ITERATIONS=500 bash benches/parallel.sh
#   NEWMAN=~/.cache/postie/newman-6.2.2/node_modules/.bin/newman bash benches/parallel.sh
#
# Needs a release build (`cargo build --release --bin postie`, not done here)
# and /usr/bin/time. Prints a Markdown table: wall time, per-iteration time and
# peak memory (RSS) of each run; cli reporter output goes to /dev/null.
set -euo pipefail
cd "$(dirname "$0")/.."
iterations=${ITERATIONS:-10000}
newman_iterations=${NEWMAN_ITERATIONS:-1000}
bin=${POSTIE:-target/release/postie}
newman=${NEWMAN:-$HOME/.cache/postie/newman-6.2.2/node_modules/.bin/newman}
tmp=$(mktemp -d)
trap 'kill $mock_pid 2>/dev/null || true; rm -rf "$tmp"' EXIT

port=$((20000 + RANDOM % 20000))
cat >"$tmp/c.json" <<JSON
{
  "info": { "name": "parallel bench", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json" },
  "item": [{
    "name": "Get user",
    "request": { "method": "GET", "url": "http://127.0.0.1:$port/users/7" },
    "event": [{ "listen": "test", "script": { "exec": [
      "pm.test('Status code is 200', function () {",
      "    pm.response.to.have.status(200);",
      "    var json = pm.response.json();",
      "    pm.expect(json.id).to.eql(7);",
      "    pm.expect(json.name).to.eql('Ada');",
      "    pm.environment.set('userId', json.id);",
      "});"
    ] } }],
    "response": [{
      "name": "ok", "code": 200, "status": "OK",
      "originalRequest": { "method": "GET", "url": "http://127.0.0.1:$port/users/7" },
      "header": [{ "key": "Content-Type", "value": "application/json" }],
      "body": "{\"id\":7,\"name\":\"Ada\",\"tags\":[\"a\",\"b\"]}"
    }]
  }]
}
JSON

"$bin" mock "$tmp/c.json" --port "$port" --delay 2 >/dev/null 2>&1 &
mock_pid=$!
for _ in $(seq 50); do
  curl -s -o /dev/null "http://127.0.0.1:$port/users/7" && break
  sleep 0.1
done

# measure NAME ITERATIONS CMD...: wall seconds, ms per iteration, peak RSS; fails if the run failed.
measure() {
  local name=$1 n=$2; shift 2
  if ! /usr/bin/time -f "%e %M" -o "$tmp/t" "$@" >"$tmp/out" 2>&1; then
    echo "$name failed:" >&2
    tail -20 "$tmp/out" >&2
    exit 1
  fi
  read -r wall kb <"$tmp/t"
  printf '| %s | %s | %s s | %.2f ms | %d MiB |\n' "$name" "$n" "$wall" \
    "$(echo "$wall * 1000 / $n" | bc -l)" $((kb / 1024))
}

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
echo "| run | iterations | wall | per iteration | peak memory |"
echo "|---|---|---|---|---|"
measure "postie, sequential" "$iterations" "$bin" run "$tmp/c.json" -n "$iterations"
measure "postie --parallel 8" "$iterations" "$bin" run "$tmp/c.json" -n "$iterations" --parallel 8
if [ -x "$newman" ]; then
  measure "newman --version (start-up alone)" 1 "$newman" --version
  measure "newman 6.2.2 (sequential)" "$newman_iterations" "$newman" run "$tmp/c.json" -n "$newman_iterations"
fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
