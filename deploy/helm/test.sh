#!/usr/bin/env bash
# Checks the Helm chart deploy/helm/praetor without a cluster: helm lint, helm template with several value sets,
# the invariants of check_manifests.py on each rendering, the NOTES, and (when Go is there) a strict decode of every
# manifest against the Kubernetes API types (tools/kubestrict). kubeconform runs too when it is installed and
# KUBECONFORM_SCHEMA_LOCATION names local JSON schemas (it cannot download them offline).
#
#   deploy/helm/test.sh                  HELM=/path/to/helm  KUBE_VERSION=1.31.0  PRAETOR_HELM_KUBESTRICT=0 (skip Go)
#
# Skips cleanly (exit 0) when helm is not installed. Ends with "N passed, N failed[, N skipped]".
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
chart="$here/praetor"
HELM=${HELM:-helm}
KUBE_VERSION=${KUBE_VERSION:-1.31.0}

passed=0 failed=0 skipped=0
if ! command -v "$HELM" >/dev/null 2>&1; then
  echo "helm not found (set HELM=/path/to/helm): Helm chart checks skipped"
  echo "0 passed, 0 failed, 1 skipped"
  exit 0
fi
if ! python3 -c 'import yaml' 2>/dev/null; then
  echo "python3 with PyYAML not found: Helm chart checks skipped"
  echo "0 passed, 0 failed, 1 skipped"
  exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# check NAME COMMAND...: runs the command, prints ok/FAIL and the command's output on failure.
check() {
  local name=$1
  shift
  if "$@" >"$work/out" 2>&1; then
    passed=$((passed + 1))
    echo "ok    $name"
  else
    failed=$((failed + 1))
    echo "FAIL  $name"
    sed 's/^/      /' "$work/out"
  fi
}
skip() {
  skipped=$((skipped + 1))
  echo "skip  $1"
}

render() { # render OUT [helm template args...]
  local out=$1
  shift
  "$HELM" template praetor "$chart" --namespace praetor --kube-version "$KUBE_VERSION" "$@" >"$out"
}

# Value sets: the defaults, every ci/*-values.yaml (also what chart-testing reads), and a few --set variations.
declare -A sets=(
  [default]=""
  [production]="-f $chart/ci/production-values.yaml"
  [minimal]="-f $chart/ci/minimal-values.yaml"
  [loadbalancer]="--set gateway.service.type=LoadBalancer --set gateway.service.port=80 --set runs.port=5202"
  [release-name]="--set fullnameOverride=my-praetor-release --set image.registry=ghcr.io/acme --set flows.autoscaling.enabled=true"
)
for name in default production minimal loadbalancer release-name; do
  # shellcheck disable=SC2086 # the value sets are word lists on purpose
  check "lint ($name)" "$HELM" lint --strict "$chart" --kube-version "$KUBE_VERSION" ${sets[$name]}
  # shellcheck disable=SC2086
  check "template ($name)" render "$work/$name.yaml" ${sets[$name]}
  if [ -s "$work/$name.yaml" ]; then
    check "invariants ($name)" python3 "$here/check_manifests.py" "$work/$name.yaml"
  fi
done

# One service upgraded alone: only its image changes.
check "template (runs.image.tag=9.9.9)" render "$work/runs-upgrade.yaml" --set runs.image.tag=9.9.9
check "only the runs image changes" \
  python3 "$here/check_manifests.py" --only-image-changed "$work/default.yaml" "$work/runs-upgrade.yaml" runs
check "runs image tag is 9.9.9" grep -q 'image: "praetor/runs-service:9.9.9"' "$work/runs-upgrade.yaml"

# The checker can fail: a gateway upstream pointed elsewhere, and a service's database swapped, are caught.
render "$work/wrong-upstream.yaml" --set gateway.config.PRAETOR_GATEWAY_UPSTREAM_RUNS=http://elsewhere:4202
check "invariants catch a wrong gateway upstream" bash -c \
  "python3 '$here/check_manifests.py' '$work/wrong-upstream.yaml' | grep -q \"PRAETOR_GATEWAY_UPSTREAM_RUNS='http://elsewhere\""
render "$work/wrong-database.yaml" --set flows.database=praetor_runs
check "invariants catch a wrong database" bash -c \
  "python3 '$here/check_manifests.py' '$work/wrong-database.yaml' | grep -q 'does not name database praetor_flows'"

# NOTES: the Prefect API URL for the user. `helm install --dry-run=client` still wants a cluster (Helm 3.22), so a
# copy of the chart renders NOTES.txt through tpl inside a ConfigMap.
cp -r "$chart" "$work/notes-chart"
cp "$chart/templates/NOTES.txt" "$work/notes-chart/notes-source.txt"
cat >"$work/notes-chart/templates/zz-notes.yaml" <<'EOF'
apiVersion: v1
kind: ConfigMap
metadata:
  name: rendered-notes
data:
  NOTES: |
{{ tpl (.Files.Get "notes-source.txt") . | indent 4 }}
EOF
notes() { # notes EXPECTED [helm template args...]
  local expected=$1
  shift
  "$HELM" template praetor "$work/notes-chart" --namespace praetor --kube-version "$KUBE_VERSION" \
    --show-only templates/zz-notes.yaml "$@" >"$work/notes.txt" 2>&1
  grep -qF -- "$expected" "$work/notes.txt" || { cat "$work/notes.txt"; return 1; }
}
check "NOTES: port-forward URL" notes "export PREFECT_API_URL=http://127.0.0.1:4200/api"
check "NOTES: ingress URL" notes "export PREFECT_API_URL=https://prefect.example.com/api" \
  -f "$chart/ci/production-values.yaml"
check "NOTES: NodePort URL" notes 'export PREFECT_API_URL=http://$NODE_IP:$NODE_PORT/api' \
  -f "$chart/ci/minimal-values.yaml"

# Strict decoding against the Kubernetes API types (offline, needs Go and the Go module proxy once).
if [ "${PRAETOR_HELM_KUBESTRICT:-1}" != "0" ] && command -v go >/dev/null 2>&1; then
  if (cd "$here/tools/kubestrict" && go build -o "$work/kubestrict" .) >"$work/build.log" 2>&1; then
    for name in default production minimal loadbalancer release-name runs-upgrade; do
      [ -s "$work/$name.yaml" ] && check "kubestrict ($name)" sh -c "'$work/kubestrict' < '$work/$name.yaml'"
    done
  else
    skip "kubestrict: go build failed: $(tail -1 "$work/build.log")"
  fi
else
  skip "kubestrict (no go on PATH, or PRAETOR_HELM_KUBESTRICT=0)"
fi

if command -v kubeconform >/dev/null 2>&1 && [ -n "${KUBECONFORM_SCHEMA_LOCATION:-}" ]; then
  for name in default production minimal; do
    check "kubeconform ($name)" kubeconform -strict -summary -kubernetes-version "$KUBE_VERSION" \
      -schema-location "$KUBECONFORM_SCHEMA_LOCATION" "$work/$name.yaml"
  done
else
  skip "kubeconform (not installed, or KUBECONFORM_SCHEMA_LOCATION unset: no offline schemas)"
fi

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
