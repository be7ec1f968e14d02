#!/usr/bin/env bash
# Gateway benchmark (PERFORMANCE.md): the gateway's own /api/hello, and a small GET sent direct to an upstream
# versus the same GET through the gateway. Medians of ROUNDS rounds go to bench/gateway/RESULTS.md.
#
#   bench/gateway/run.sh                      # starts bench/gateway/BenchUpstream.java as the upstream
#   bench/gateway/run.sh http://127.0.0.1:4201 /flows/<id>   # uses a running service instead
#
# Needs the packaged gateway: ./mvnw -B -o -q package -pl gateway -DskipTests
# Environment: UPSTREAM_NAME (flows), DURATION (15s), WARMUP (10s), ROUNDS (3), THREADS (2), CONNECTIONS (32),
# GATEWAY_PORT (4280), GATEWAY_JAVA_OPTS (extra JVM/-D options for the gateway), RESULTS (output file).
set -euo pipefail

cd "$(dirname "$0")/../.."
here=bench/gateway
upstream_url=${1:-}
upstream_path=${2:-/flows/bench}
upstream_name=${UPSTREAM_NAME:-flows}
duration=${DURATION:-15s}
warmup=${WARMUP:-10s}
rounds=${ROUNDS:-3}
threads=${THREADS:-2}
connections=${CONNECTIONS:-32}
gateway_port=${GATEWAY_PORT:-4280}
results=${RESULTS:-$here/RESULTS.md}
jar=gateway/target/quarkus-app/quarkus-run.jar
workspace_header="X-Praetor-Workspace-Id: 00000000-0000-0000-0000-000000000000"

[ -f "$jar" ] || { echo "missing $jar: build it with ./mvnw -B -o -q package -pl gateway -DskipTests" >&2; exit 1; }
command -v wrk >/dev/null || apt-get install -y wrk >/dev/null

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT

wait_for() { # url
  for _ in $(seq 1 100); do curl -fs -o /dev/null "$1" && return 0; sleep 0.2; done
  echo "no answer from $1" >&2; exit 1
}

if [ -z "$upstream_url" ]; then
  port=4301
  # Only what a plain Vert.x server needs, from the gateway's own runtime libraries.
  cp=$(ls gateway/target/quarkus-app/lib/main/io.vertx.vertx-core-*.jar gateway/target/quarkus-app/lib/main/io.netty.*.jar \
       gateway/target/quarkus-app/lib/main/com.fasterxml.jackson.core.jackson-core-*.jar | tr '\n' ':')
  java -cp "$cp" "$here/BenchUpstream.java" "$port" > /tmp/praetor-bench-upstream.log 2>&1 &
  pids+=($!)
  upstream_url=http://127.0.0.1:$port
  upstream_kind="BenchUpstream (plain Vert.x, 2 event loops)"
else
  upstream_kind="running service at $upstream_url"
fi
wait_for "$upstream_url/q/health/ready"

# shellcheck disable=SC2086
java ${GATEWAY_JAVA_OPTS:-} -Dquarkus.http.port="$gateway_port" \
  -Dpraetor.gateway.upstream."$upstream_name"="$upstream_url" -jar "$jar" > /tmp/praetor-bench-gateway.log 2>&1 &
pids+=($!)
gateway=http://127.0.0.1:$gateway_port
wait_for "$gateway/api/health"

declare -A urls=(
  [hello]="$gateway/api/hello"
  [direct]="$upstream_url$upstream_path"
  [proxied]="$gateway/api$upstream_path"
)
scenarios=(hello direct proxied)

# wrk's latency line "50%  1.23ms" -> milliseconds
to_ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us$/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v*=1000}; printf "%.3f", v}'; }

run_wrk() { # scenario duration -> "rps p50 p99"
  local out
  out=$(wrk -t"$threads" -c"$connections" -d"$2" --latency -H "$workspace_header" "${urls[$1]}")
  if echo "$out" | grep -q "Non-2xx"; then echo "$1: non-2xx answers" >&2; echo "$out" >&2; exit 1; fi
  printf '%s %s %s\n' "$(echo "$out" | awk '/Requests\/sec/{print $2}')" \
    "$(echo "$out" | awk '$1=="50%"{print $2}' | to_ms)" "$(echo "$out" | awk '$1=="99%"{print $2}' | to_ms)"
}

echo "warming up ($warmup per scenario)..."
for s in "${scenarios[@]}"; do run_wrk "$s" "$warmup" > /dev/null; done

declare -A raw
for r in $(seq 1 "$rounds"); do
  for s in "${scenarios[@]}"; do
    line=$(run_wrk "$s" "$duration")
    raw[$s]+="$line"$'\n'
    echo "round $r $s: $line"
  done
done

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
declare -A rps p50 p99
for s in "${scenarios[@]}"; do
  rps[$s]=$(echo -n "${raw[$s]}" | awk '{print $1}' | median)
  p50[$s]=$(echo -n "${raw[$s]}" | awk '{print $2}' | median)
  p99[$s]=$(echo -n "${raw[$s]}" | awk '{print $3}' | median)
done
ratio=$(awk -v a="${rps[proxied]}" -v b="${rps[direct]}" 'BEGIN {printf "%.2f", a/b}')
extra_p50=$(awk -v a="${p50[proxied]}" -v b="${p50[direct]}" 'BEGIN {printf "%+.0f%%", (a/b-1)*100}')

{
  echo "# Gateway benchmark results"
  echo
  echo "Written by \`bench/gateway/run.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC'). Machine: $(nproc) cores"
  echo "($(awk -F': ' '/model name/{print $2; exit}' /proc/cpuinfo)), $(java -version 2>&1 | head -1)."
  echo "Load: \`wrk -t$threads -c$connections -d$duration --latency\`, $warmup warm-up per scenario, medians of $rounds"
  echo "rounds (scenarios interleaved). Upstream: $upstream_kind; GET \`$upstream_path\`."
  echo "Gateway options: \`${GATEWAY_JAVA_OPTS:-(defaults)}\`. wrk, the gateway and the upstream share the same cores."
  echo
  echo "| scenario | req/s | p50 ms | p99 ms |"
  echo "|---|---:|---:|---:|"
  echo "| \`GET /api/hello\` answered by the gateway | ${rps[hello]} | ${p50[hello]} | ${p99[hello]} |"
  echo "| \`GET $upstream_path\` direct to the upstream | ${rps[direct]} | ${p50[direct]} | ${p99[direct]} |"
  echo "| \`GET /api$upstream_path\` through the gateway | ${rps[proxied]} | ${p50[proxied]} | ${p99[proxied]} |"
  echo
  echo "Proxied / direct throughput: **$ratio**; extra p50 through the gateway: **$extra_p50**."
  echo
  echo "Rounds (req/s p50 p99):"
  echo
  for s in "${scenarios[@]}"; do
    echo "- $s: $(echo -n "${raw[$s]}" | paste -sd ';' | sed 's/;/; /g')"
  done
} > "$results"
cat "$results"
