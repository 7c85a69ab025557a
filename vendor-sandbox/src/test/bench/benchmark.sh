#!/usr/bin/env bash
# Throughput of the vendor sandbox (not part of the test run). Needs wrk (Debian package) and node.
#   vendor-sandbox/src/test/bench/benchmark.sh            # starts target/quarkus-app on free ports
#   SANDBOX_URL=http://127.0.0.1:8080 .../benchmark.sh    # measures an already running sandbox
# Prints requests/s for simple queries (closed loop, 64 connections) and the webhook callout delivery rate.
set -euo pipefail
if ! command -v wrk >/dev/null; then
  [[ "$(id -u)" == 0 ]] || { echo "benchmark: needs wrk: sudo apt-get install -y wrk" >&2; exit 1; }
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi
here="$(cd "$(dirname "$0")" && pwd)"
module="$(cd "$here/../../.." && pwd)"
secs="${BENCH_SECONDS:-8}"
pids=()
# wait for the app to exit before deleting its jars: it still loads classes while shutting down
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "${tmp:-/nonexistent}"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

tmp="$(mktemp -d)"
if [[ -z "${SANDBOX_URL:-}" ]]; then
  port="$(free_port)"
  # run a copy: a rebuild of target/ while the app lazily opens its jars would break it mid-run
  cp -r "$module/target/quarkus-app" "$tmp/app"
  QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT="$port" SANDBOX_TLS_ENABLED=false \
    java -Xmx1g -jar "$tmp/app/quarkus-run.jar" >"$module/target/benchmark-sandbox.log" 2>&1 &
  pids+=($!)
  SANDBOX_URL="http://127.0.0.1:$port"
  for _ in $(seq 1 100); do curl -sf "$SANDBOX_URL/q/health/ready" >/dev/null && break; sleep 0.2; done
fi
curl -sf -XPOST "$SANDBOX_URL/_sandbox/reset" >/dev/null
# Autotask's real limits (3 threads, 10k/hour) would reject a load test
curl -sf -XPUT -H 'Content-Type: application/json' \
  -d '{"hourlyThreshold":1000000000,"threadLimit":1000000,"latencyBands":false}' "$SANDBOX_URL/_sandbox/autotask/limits" >/dev/null

AT=(-H 'ApiIntegrationCode: SWITCHBOARDSANDBOXCODE00001' -H 'UserName: api.switchboard@sandbox.example'
    -H 'Secret: sandbox-secret-Aut0task' -H 'Content-Type: application/json')
CW=(-H 'Authorization: Basic c3dpdGNoYm9hcmRfZGVtbytTYlB1YmxpY0tleTAwMDE6U2JQcml2YXRlS2V5MDAwMQ=='
    -H 'clientId: 7c6a4d1e-2f8b-4b1a-9d3e-5a6b7c8d9e01')
cat >"$tmp/query.lua" <<'LUA'
wrk.method = "POST"
wrk.body = '{"MaxRecords":10,"filter":[{"op":"gt","field":"id","value":70100}]}'
LUA
# every update flips a ticket's status, so each one is a subscribed change and calls out
cat >"$tmp/patch.lua" <<'LUA'
wrk.method = "PATCH"
local i = 0
request = function()
  i = i + 1
  local status = (math.floor(i / 400) % 2 == 0) and 8 or 7
  return wrk.format(nil, nil, nil, '{"id":' .. (70001 + i % 400) .. ',"status":' .. status .. '}')
end
LUA

rate() { wrk -t2 -c64 -d"${secs}s" "$@" | awk '/Requests\/sec/ {print $2} /Non-2xx/ {print "  (non-2xx: " $5 ")" > "/dev/stderr"}'; }
wrk -t2 -c64 -d3s "${AT[@]}" "$SANDBOX_URL/ATServicesRest/V1.0/Tickets/70042" >/dev/null   # warm-up
printf 'BENCH %-44s %10s requests/s\n' "autotask GET /Tickets/{id}" "$(rate "${AT[@]}" "$SANDBOX_URL/ATServicesRest/V1.0/Tickets/70042")"
printf 'BENCH %-44s %10s requests/s\n' "autotask POST /Tickets/query (10 rows)" "$(rate -s "$tmp/query.lua" "${AT[@]}" "$SANDBOX_URL/ATServicesRest/V1.0/Tickets/query")"
printf 'BENCH %-44s %10s requests/s\n' "manage GET /service/tickets/{id}" "$(rate "${CW[@]}" "$SANDBOX_URL/v4_6_release/apis/3.0/service/tickets/4042")"
printf 'BENCH %-44s %10s requests/s\n' "manage GET tickets?conditions=...&pageSize=25" "$(rate "${CW[@]}" "$SANDBOX_URL/v4_6_release/apis/3.0/service/tickets?conditions=board/id%3D12&pageSize=25")"

rxport="$(free_port)"
cat >"$tmp/rx.js" <<JS
let n = 0, first = 0, last = 0;
require('http').createServer((q, s) => { q.resume(); q.on('end', () => { n++; last = Date.now(); first = first || last; s.end(); }); })
  .listen($rxport, '127.0.0.1');
setInterval(() => require('fs').writeFileSync('$tmp/count', n + ' ' + first + ' ' + last), 100);
JS
node "$tmp/rx.js" & pids+=($!)
sleep 0.5
hooks=5
for h in $(seq 1 $hooks); do
  id=$(curl -sf "${AT[@]}" -d "{\"name\":\"bench$h\",\"isActive\":true,\"webhookUrl\":\"http://127.0.0.1:$rxport/h\",\"deactivationUrl\":\"http://127.0.0.1:$rxport/d\",\"secretKey\":\"bench-secret-key\",\"isSubscribedToUpdateEvents\":true}" \
    "$SANDBOX_URL/ATServicesRest/V1.0/TicketWebhooks" | sed -E 's/.*"itemId":([0-9]+).*/\1/')
  field=$(curl -sf "${AT[@]}" "$SANDBOX_URL/ATServicesRest/V1.0/TicketWebhookFields/entityInformation/fields" \
    | python3 -c 'import json,sys; f=[x for x in json.load(sys.stdin)["fields"] if x["name"]=="fieldID"][0]; print([p["value"] for p in f["picklistValues"] if p["label"]=="status"][0])')
  curl -sf "${AT[@]}" -d "{\"fieldID\":$field,\"isSubscribedField\":true}" "$SANDBOX_URL/ATServicesRest/V1.0/TicketWebhooks/$id/Fields" >/dev/null
done
updates=$(wrk -t1 -c8 -d"${secs}s" -s "$tmp/patch.lua" "${AT[@]}" "$SANDBOX_URL/ATServicesRest/V1.0/Tickets" | awk '/requests in/ {print $1}')
# an update that sets a status the ticket already has calls out nowhere, so wait until deliveries stop
prev=-1
while true; do
  sleep 1
  read -r got first last <"$tmp/count" || true   # no trailing newline
  [[ "$got" == "$prev" ]] && break
  prev="$got"
done
printf 'BENCH %-44s %10.0f deliveries/s (%s callouts from %s ticket updates to %s webhooks)\n' \
  "autotask webhook callouts" "$(echo "$got * 1000 / ($last - $first)" | bc -l)" "$got" "$updates" "$hooks"
