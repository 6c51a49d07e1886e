#!/usr/bin/env bash
# Wall time and peak memory of postie and newman running the official ForgeRock
# collection (62 requests) against postie's mock of its own saved examples, on
# this machine. Also a long run (many iterations) to show postie's memory stays flat,
# and the official collection against benches/tenant_standin.py: a stateful stand-in
# of the tenant on Python's http.server, which writes each response in two sends
# (the kind of server where a client that reuses connections carelessly stalls).
#
#   bash benches/compare_newman.sh            # postie only, unless newman is found
#   NEWMAN=/path/to/newman bash benches/compare_newman.sh
#   INSTALL_NEWMAN=1 bash benches/compare_newman.sh   # npm-installs newman 6.2.2 into ~/.cache/postie/newman-6.2.2
#
# The per-request workload of the speed issue, with curl's floor: benches/per_request.sh.
#
# Needs: a release build (done here), /usr/bin/time, python3. Prints Markdown tables.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-5}
long=${LONG_ITERATIONS:-200}
collection="../shared/forgerock/Express APIs.postman_collection.json"
environment="../shared/forgerock/Express Environment Variables.postman_environment.json"

cargo build --release --quiet
bin=target/release/postie
tmp=$(mktemp -d)
mock_pid=""
standin_pid=""
trap '{ [ -n "$mock_pid" ] && kill "$mock_pid"; [ -n "$standin_pid" ] && kill "$standin_pid"; } 2>/dev/null || true; rm -rf "$tmp"' EXIT

newman_dir=$HOME/.cache/postie/newman-6.2.2
newman=${NEWMAN:-}
[ -z "$newman" ] && [ -x "$newman_dir/node_modules/.bin/newman" ] && newman=$newman_dir/node_modules/.bin/newman
[ -z "$newman" ] && newman=$(command -v newman || true)
if [ -z "$newman" ] && [ "${INSTALL_NEWMAN:-0}" = 1 ]; then
  command -v npm >/dev/null || { echo "compare_newman.sh: npm is needed to install newman" >&2; exit 2; }
  mkdir -p "$newman_dir"
  npm install --silent --no-audit --no-fund --prefix "$newman_dir" newman@6.2.2 >/dev/null
  newman=$newman_dir/node_modules/.bin/newman
fi

port=$((20000 + RANDOM % 20000))
"$bin" mock "$collection" -e "$environment" --port "$port" >/dev/null &
mock_pid=$!
for _ in $(seq 50); do
  curl -s -o /dev/null "http://127.0.0.1:$port/" && break
  sleep 0.1
done
base="http://127.0.0.1:$port"
vars=(--env-var "tenantApiV1Url=$base" --env-var "amUrl=$base" --env-var "oauth2Url=$base" --env-var "smtpPort=587")

# measure NAME CMD...: median wall seconds and max peak RSS (MiB) over $runs runs.
measure() {
  local name=$1; shift
  local walls=() rss=0
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %M" -o "$tmp/t" "$@" >/dev/null 2>&1 || true
    read -r wall kb <"$tmp/t"
    walls+=("$wall")
    [ "$kb" -gt "$rss" ] && rss=$kb
  done
  local median
  median=$(printf '%s\n' "${walls[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  printf '| %s | %s s | %d MiB |\n' "$name" "$median" $((rss / 1024))
  last_median=$median
}

echo "| run | median wall | peak memory |"
echo "|---|---|---|"
measure "postie --version" "$bin" --version
measure "postie, official collection (62 requests)" "$bin" run "$collection" -e "$environment" "${vars[@]}" --ignore-redirects
measure "postie, $long iterations ($((long * 62)) requests)" "$bin" run "$collection" -e "$environment" "${vars[@]}" --ignore-redirects -n "$long" -r json --reporter-json-export "$tmp/r.json"
if [ -n "$newman" ]; then
  measure "newman --version" "$newman" --version
  measure "newman, official collection (62 requests)" "$newman" run "$collection" -e "$environment" "${vars[@]}" --ignore-redirects
  measure "newman, $long iterations ($((long * 62)) requests)" "$newman" run "$collection" -e "$environment" "${vars[@]}" --ignore-redirects -n "$long" -r json --reporter-json-export "$tmp/n.json"
fi

# The official collection against the Python stand-in of the tenant.
standin_port=$((port + 1))
python3 benches/tenant_standin.py "$standin_port" &
standin_pid=$!
for _ in $(seq 50); do
  curl -s -o /dev/null "http://127.0.0.1:$standin_port/v1/apps" && break
  sleep 0.1
done
standin="http://127.0.0.1:$standin_port"
standin_vars=(--env-var "tenantApiV1Url=$standin/v1" --env-var "amUrl=$standin/am"
  --env-var "oauth2Url=$standin/am/oauth2" --env-var "smtpPort=587")
echo
echo "Against the Python stand-in of the tenant (benches/tenant_standin.py):"
echo
echo "| run | median wall | peak memory |"
echo "|---|---|---|"
measure "postie, official collection (62 requests)" "$bin" run "$collection" -e "$environment" "${standin_vars[@]}" --ignore-redirects
postie_standin=$last_median
if [ -n "$newman" ]; then
  measure "newman, official collection (62 requests)" "$newman" run "$collection" -e "$environment" "${standin_vars[@]}" --ignore-redirects
  echo
  awk -v p="$postie_standin" -v n="$last_median" 'BEGIN { printf "postie is %.1fx faster than newman against the stand-in\n", n / p }'
fi
