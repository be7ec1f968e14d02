#!/usr/bin/env bash
# Runs every Praetor test: the Maven build with its unit and integration tests (real PostgreSQL and Kafka),
# then the compatibility suite (the stock Prefect client and CLI, pinned in compat/requirements.txt) against
# a freshly started local stack. Exit status is non-zero if anything fails.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)

echo "== Maven build and tests"
./mvnw -B ${MAVEN_ARGS:-} install

echo "== Helm chart checks (skipped when helm is not installed)"
bash deploy/helm/test.sh

echo "== Compatibility suite: Python client"
VENV="$ROOT/.praetor/venv"
if [ ! -x "$VENV/bin/pytest" ] || ! cmp -s compat/requirements.txt "$VENV/requirements.txt"; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --upgrade pip
  "$VENV/bin/pip" install -q -r compat/requirements.txt
  cp compat/requirements.txt "$VENV/requirements.txt"
fi

DATA=$(mktemp -d /tmp/praetor-compat.XXXXXX)
# The gateway's admin token for this run: the stack reads it, and the Cloud-mode tests create keys with it.
export PRAETOR_ADMIN_TOKEN="${PRAETOR_ADMIN_TOKEN:-$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')}"
STACK_LOG="$DATA/stack.log"
echo "== Starting the local stack (data in $DATA)"
# The Maven install above built every module: the stack starts what it built instead of checking for a rebuild.
PRAETOR_NO_BUILD=1 deploy/local/praetor-local --data-dir "$DATA/stack" >"$STACK_LOG" 2>&1 &
STACK_PID=$!
stop_stack() {
  kill -TERM "$STACK_PID" 2>/dev/null || true
  for _ in $(seq 1 60); do kill -0 "$STACK_PID" 2>/dev/null || break; sleep 1; done
  kill -KILL "$STACK_PID" 2>/dev/null || true
}
trap stop_stack EXIT

API_URL=""
# Generous: seven JVMs, PostgreSQL and Kafka start on two cores, slowly when the machine is busy.
for _ in $(seq 1 480); do
  API_URL=$(grep -m1 -o 'PREFECT_API_URL=.*' "$STACK_LOG" | cut -d= -f2- || true)
  [ -n "$API_URL" ] && break
  if ! kill -0 "$STACK_PID" 2>/dev/null; then
    echo "The local stack exited during start-up:"; tail -50 "$STACK_LOG"; exit 1
  fi
  sleep 1
done
if [ -z "$API_URL" ]; then echo "The local stack did not become ready:"; tail -50 "$STACK_LOG"; exit 1; fi
echo "== Stack ready at $API_URL"

export PREFECT_API_URL="$API_URL"
export PREFECT_HOME="$DATA/prefect-home"
export PREFECT_SERVER_ALLOW_EPHEMERAL_MODE=false
status=0
(cd compat && PATH="$VENV/bin:$PATH" "$VENV/bin/pytest" -q) || status=$?
if [ "$status" -ne 0 ]; then
  echo "== Compatibility suite failed; service logs are in $DATA/stack/logs"
  for log in "$DATA"/stack/logs/*.log; do echo "--- $log"; tail -30 "$log"; done
fi
exit "$status"
