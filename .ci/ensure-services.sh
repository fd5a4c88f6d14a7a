#!/usr/bin/env bash
# Starts PostgreSQL, MariaDB and Redis when they are not answering on their
# usual local ports, and waits until they do. Safe to run when they are up.
set -uo pipefail

wait_for() { # name, check command
  for _ in $(seq 1 30); do
    if eval "$2" >/dev/null 2>&1; then echo "  $1: up"; return 0; fi
    sleep 1
  done
  echo "  $1: still down after 30s — start it by hand and run again" >&2
  return 1
}

if ! pg_isready -h 127.0.0.1 -p 5432 >/dev/null 2>&1; then
  echo "  PostgreSQL is down: starting it"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
fi
wait_for PostgreSQL "pg_isready -h 127.0.0.1 -p 5432" || exit 1

if ! mysqladmin -h 127.0.0.1 -P 3306 -uroot ping >/dev/null 2>&1; then
  echo "  MariaDB is down: starting it"
  start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd || true
fi
wait_for MariaDB "mysqladmin -h 127.0.0.1 -P 3306 -uroot ping" || exit 1

if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  echo "  Redis is down: starting it"
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no || true
fi
wait_for Redis "redis-cli -h 127.0.0.1 -p 6379 ping" || exit 1

# The fleet tests render the Kubernetes overlays with kubectl (kustomize built in) and start private
# Redis Cluster / Sentinel servers with redis-server and redis-cli.
if ! command -v kubectl >/dev/null 2>&1; then
  echo "  kubectl is missing: installing it from the machine's apt packages"
  (apt-get install -y kubectl >/dev/null 2>&1 || (apt-get update >/dev/null 2>&1 && apt-get install -y kubectl >/dev/null 2>&1)) || true
fi
command -v kubectl >/dev/null 2>&1 || { echo "  kubectl: not installed (apt-get install kubectl)" >&2; exit 1; }
echo "  kubectl: $(kubectl version --client 2>/dev/null | head -n1)"

# Browser tests (the client suite's cross-origin call, the customer page) drive Debian's Chromium
# through playwright-core; browsers are never downloaded.
if ! command -v chromium >/dev/null 2>&1; then
  echo "  Chromium is missing: installing it from the machine's apt packages"
  (apt-get update >/dev/null 2>&1 && apt-get install -y chromium >/dev/null 2>&1) || true
fi
command -v chromium >/dev/null 2>&1 || { echo "  chromium: not installed (apt-get install chromium)" >&2; exit 1; }
echo "  chromium: $(chromium --version 2>/dev/null | head -n1)"
