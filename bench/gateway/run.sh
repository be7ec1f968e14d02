#!/usr/bin/env bash
# Gateway benchmark (PERFORMANCE.md): the gateway's own /api/hello, and a small GET sent direct to an upstream
# versus the same GET through the gateway. Medians of ROUNDS rounds go to bench/gateway/RESULTS.md.
#
#   bench/gateway/run.sh                      # starts bench/gateway/BenchUpstream.java as the upstream
#   bench/gateway/run.sh http://127.0.0.1:4201 /flows/<id>   # uses a running service instead
#
# Needs the packaged gateway: ./mvnw -B -o -q package -pl gateway -DskipTests
# Environment: UPSTREAM_NAME (flows), DURATION (15s), WARMUP (10s), ROUNDS (3), THREADS (2), CONNECTIONS (32),
# GATEWAY_PORT (4280), GATEWAY_JAVA_OPTS (extra JVM/-D options for the gateway), RESULTS (output file),
# AUTH_HEADER (a header every request carries, e.g. "Authorization: Basic ..." to measure with auth on the path),
# APPEND=1 (add this run as another section instead of replacing the file),
# GATEWAY_CPUS / OTHER_CPUS (e.g. 1 and 0): pin the gateway to its own cores and wrk and the upstream to the others,
# as in a deployment where the gateway has its own CPU budget; PIN_PIDS moves a running upstream's processes (the
# service and its PostgreSQL) to OTHER_CPUS for the run and back to every core afterwards.
set -euo pipefail

cd "$(dirname "$0")/../.."
here=bench/gateway
upstream_url=${1:-}
upstream_pid=
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
all_cpus="0-$(($(nproc) - 1))"
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in ${PIN_PIDS:-}; do taskset -a -p -c "$all_cpus" "$pid" >/dev/null 2>&1 || true; done
}
trap cleanup EXIT

# Runs a command on the given cores when pinning is asked for. It execs, so call it only where a subshell runs it
# (in the background or inside $(...)): $! is then the command's own pid, whose CPU time the figures read.
on_cpus() { # cpus command...
  local cpus=$1; shift
  if [ -n "$cpus" ]; then exec taskset -c "$cpus" "$@"; else exec "$@"; fi
}
gateway_cpus=${GATEWAY_CPUS:-}
other_cpus=${OTHER_CPUS:-}
if [ -n "$gateway_cpus" ] && [ -z "$other_cpus" ]; then echo "GATEWAY_CPUS needs OTHER_CPUS" >&2; exit 1; fi
for pid in ${PIN_PIDS:-}; do taskset -a -p -c "$other_cpus" "$pid" >/dev/null; done

wait_for() { # url
  for _ in $(seq 1 100); do curl -fs -o /dev/null "$1" && return 0; sleep 0.2; done
  echo "no answer from $1" >&2; exit 1
}

if [ -z "$upstream_url" ]; then
  port=4301
  # Only what a plain Vert.x server needs, from the gateway's own runtime libraries.
  cp=$(ls gateway/target/quarkus-app/lib/main/io.vertx.vertx-core-*.jar gateway/target/quarkus-app/lib/main/io.netty.*.jar \
       gateway/target/quarkus-app/lib/main/com.fasterxml.jackson.core.jackson-core-*.jar | tr '\n' ':')
  on_cpus "$other_cpus" java -cp "$cp" "$here/BenchUpstream.java" "$port" > /tmp/praetor-bench-upstream.log 2>&1 &
  upstream_pid=$!
  pids+=("$upstream_pid")
  upstream_url=http://127.0.0.1:$port
  upstream_kind="BenchUpstream (plain Vert.x, 2 event loops)"
else
  upstream_kind="running service at $upstream_url"
fi
wait_for "$upstream_url/q/health/ready"

# shellcheck disable=SC2086
on_cpus "$gateway_cpus" java ${GATEWAY_JAVA_OPTS:-} -Dquarkus.http.port="$gateway_port" \
  -Dpraetor.gateway.upstream."$upstream_name"="$upstream_url" -jar "$jar" > /tmp/praetor-bench-gateway.log 2>&1 &
gateway_pid=$!
pids+=("$gateway_pid")
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

# CPU time (clock ticks) a process has used so far; 0 when it is not ours to watch.
cpu_ticks() { if [ -n "$1" ]; then awk '{print $14 + $15}' "/proc/$1/stat"; else echo 0; fi; }
hz=$(getconf CLK_TCK)

run_wrk() { # scenario duration [threads connections] -> "rps p50 p99 gateway_cpu_us_per_req upstream_cpu_us_per_req"
  local out g0 u0 g1 u1
  g0=$(cpu_ticks "$gateway_pid"); u0=$(cpu_ticks "$upstream_pid")
  out=$(on_cpus "$other_cpus" wrk -t"${3:-$threads}" -c"${4:-$connections}" -d"$2" --latency -H "$workspace_header" \
    ${AUTH_HEADER:+-H "$AUTH_HEADER"} "${urls[$1]}")
  g1=$(cpu_ticks "$gateway_pid"); u1=$(cpu_ticks "$upstream_pid")
  if echo "$out" | grep -q "Non-2xx"; then echo "$1: non-2xx answers" >&2; echo "$out" >&2; exit 1; fi
  local requests
  requests=$(echo "$out" | awk '/requests in/{print $1}')
  printf '%s %s %s %s %s\n' "$(echo "$out" | awk '/Requests\/sec/{print $2}')" \
    "$(echo "$out" | awk '$1=="50%"{print $2}' | to_ms)" "$(echo "$out" | awk '$1=="99%"{print $2}' | to_ms)" \
    "$(awk -v t=$((g1 - g0)) -v n="$requests" -v hz="$hz" 'BEGIN {printf "%.1f", t * 1e6 / hz / n}')" \
    "$(awk -v t=$((u1 - u0)) -v n="$requests" -v hz="$hz" -v watched="$upstream_pid" \
         'BEGIN {if (watched == "") print "n/a"; else printf "%.1f", t * 1e6 / hz / n}')"
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

# Latency alone, without saturating the cores: one connection, one request at a time.
single_direct=$(run_wrk direct "$duration" 1 1)
single_proxied=$(run_wrk proxied "$duration" 1 1)
echo "one connection: direct $single_direct; proxied $single_proxied"

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
declare -A rps p50 p99 gateway_cpu upstream_cpu
for s in "${scenarios[@]}"; do
  rps[$s]=$(echo -n "${raw[$s]}" | awk '{print $1}' | median)
  p50[$s]=$(echo -n "${raw[$s]}" | awk '{print $2}' | median)
  p99[$s]=$(echo -n "${raw[$s]}" | awk '{print $3}' | median)
  gateway_cpu[$s]=$(echo -n "${raw[$s]}" | awk '{print $4}' | median)
  upstream_cpu[$s]=$(echo -n "${raw[$s]}" | awk '{print $5}' | median)
  [ -n "$upstream_pid" ] || upstream_cpu[$s]=n/a  # a running service is not ours to watch
done
cpu_note="CPU µs per request: gateway / upstream"
ratio=$(awk -v a="${rps[proxied]}" -v b="${rps[direct]}" 'BEGIN {printf "%.2f", a/b}')
extra_p50=$(awk -v a="${p50[proxied]}" -v b="${p50[direct]}" 'BEGIN {printf "%+.0f%%", (a/b-1)*100}')

if [ "${APPEND:-0}" != 1 ] || [ ! -f "$results" ]; then
  cat > "$results" <<'HEADER'
# Gateway benchmark results

Each section is one run of `bench/gateway/run.sh`.

Reading the figures: where wrk, the gateway and the upstream share the cores, the cores are saturated in every
scenario, so throughput is set by the CPU each request costs all three processes together. A proxied request costs
the gateway a server exchange and a client exchange (four socket calls, twice the upstream's two), so the proxied
throughput cannot approach the direct one when the upstream itself is cheap. The CPU column is the gateway's own
cost per request, which depends far less on that sharing (other load on the machine still inflates it); the
one-connection line shows the latency a hop adds when the cores are not saturated.
HEADER
fi
{
  echo
  echo "## Upstream: $upstream_kind"
  echo
  echo "Written by \`bench/gateway/run.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC'). Machine: $(nproc) cores"
  echo "($(awk -F': ' '/model name/{print $2; exit}' /proc/cpuinfo)), $(java -version 2>&1 | head -1)."
  echo "Load: \`wrk -t$threads -c$connections -d$duration --latency\`, $warmup warm-up per scenario, medians of $rounds"
  echo "rounds (scenarios interleaved). GET \`$upstream_path\`."
  echo "Gateway options: \`${GATEWAY_JAVA_OPTS:-(defaults)}\`."
  if [ -n "$gateway_cpus" ]; then
    echo "**Pinned**: the gateway on CPU $gateway_cpus; wrk and the upstream${PIN_PIDS:+ (pids $PIN_PIDS)} on CPU $other_cpus,"
    echo "so the gateway's cost shows as latency and as a throughput ceiling, not as CPU taken from the upstream."
  else
    echo "wrk, the gateway and the upstream share the same cores."
  fi
  [ -z "${AUTH_HEADER:-}" ] || echo "Every request carries a \`${AUTH_HEADER%%:*}\` header: credentials checked on the path."
  echo
  echo "| scenario | req/s | p50 ms | p99 ms | $cpu_note |"
  echo "|---|---:|---:|---:|---:|"
  echo "| \`GET /api/hello\` answered by the gateway | ${rps[hello]} | ${p50[hello]} | ${p99[hello]} | ${gateway_cpu[hello]} / - |"
  echo "| \`GET $upstream_path\` direct to the upstream | ${rps[direct]} | ${p50[direct]} | ${p99[direct]} | - / ${upstream_cpu[direct]} |"
  echo "| \`GET /api$upstream_path\` through the gateway | ${rps[proxied]} | ${p50[proxied]} | ${p99[proxied]} | ${gateway_cpu[proxied]} / ${upstream_cpu[proxied]} |"
  echo
  echo "Proxied / direct throughput: **$ratio**; extra p50 through the gateway: **$extra_p50**."
  echo
  echo "One connection (\`wrk -t1 -c1\`, cores not saturated), req/s p50 p99: direct $(echo "$single_direct" | cut -d' ' -f1-3);"
  echo "proxied $(echo "$single_proxied" | cut -d' ' -f1-3)."
  echo
  echo "Rounds (req/s p50 p99 gateway-cpu-us upstream-cpu-us):"
  echo
  for s in "${scenarios[@]}"; do
    echo "- $s: $(echo -n "${raw[$s]}" | paste -sd ';' | sed 's/;/; /g')"
  done
} >> "$results"
cat "$results"
