#!/usr/bin/env bash
# Makes sure the services and tools the tests use are there. PostgreSQL and Redis for the
# cluster-mode tests, up on loopback:
# PostgreSQL on 127.0.0.1:5432 with a database "test" that user "postgres" may use without a
# password, Redis on 127.0.0.1:6379; and Chromium with ChromeDriver for the browser tests.
# Installs them from the distribution's packages and starts them when needed; fails loudly when
# they cannot be brought up. Run by ./run-tests (and so by .ci/run).
set -euo pipefail

as_root() {
  if [ "$(id -u)" = 0 ]; then
    "$@"
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    sudo -n "$@"
  else
    echo "test-services: '$*' needs root. Run this script once as root (sudo scripts/test-services.sh)," >&2
    echo "test-services: or install postgresql, redis-server, chromium and chromium-driver and start" >&2
    echo "test-services: the first two on 127.0.0.1, then run XHS_TEST_SERVICES=skip ./run-tests" >&2
    exit 1
  fi
}

pg_up() { pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; }
redis_up() { [ "$(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null)" = "PONG" ]; }

if ! command -v pg_isready >/dev/null || ! command -v redis-cli >/dev/null; then
  echo "test-services: installing PostgreSQL and Redis" >&2
  as_root apt-get update -qq
  as_root apt-get install -y -qq postgresql redis-server >/dev/null
fi

if ! pg_up; then
  echo "test-services: starting PostgreSQL" >&2
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  for _ in $(seq 1 30); do pg_up && break; sleep 1; done
fi
pg_up || { echo "test-services: PostgreSQL is not answering on 127.0.0.1:5432" >&2; exit 1; }

# The tests connect as postgres to database "test" without a password (local trust auth).
if ! psql -h 127.0.0.1 -U postgres -d test -Atc 'select 1' >/dev/null 2>&1; then
  echo "test-services: creating database 'test' and allowing local trust auth" >&2
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  hba="/etc/postgresql/$version/main/pg_hba.conf"
  if ! as_root grep -q '^host all all 127.0.0.1/32 trust' "$hba"; then
    as_root sed -i '1i host all all 127.0.0.1/32 trust' "$hba"
    as_root pg_ctlcluster --skip-systemctl-redirect "$version" main reload
  fi
  as_root su postgres -c "psql -Atc \"select 1 from pg_database where datname='test'\"" | grep -q 1 ||
    as_root su postgres -c "createdb test"
fi
psql -h 127.0.0.1 -U postgres -d test -Atc 'select 1' >/dev/null ||
  { echo "test-services: cannot connect to PostgreSQL as postgres/test" >&2; exit 1; }

if ! redis_up; then
  echo "test-services: starting Redis" >&2
  as_root mkdir -p /var/lib/redis /var/log/redis
  as_root redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log
  for _ in $(seq 1 30); do redis_up && break; sleep 1; done
fi
redis_up || { echo "test-services: Redis is not answering on 127.0.0.1:6379" >&2; exit 1; }
echo "test-services: PostgreSQL and Redis are up" >&2

# The browser tests (web console, docs page) drive Debian's headless Chromium.
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  echo "test-services: installing Chromium and ChromeDriver" >&2
  as_root apt-get update -qq
  as_root apt-get install -y -qq chromium chromium-driver >/dev/null
fi
command -v chromium >/dev/null && command -v chromedriver >/dev/null ||
  { echo "test-services: Chromium and ChromeDriver could not be installed" >&2; exit 1; }
# A CJK font, so that the console's screenshots show its Chinese text instead of empty boxes.
if ! fc-list :lang=zh 2>/dev/null | grep -q .; then
  as_root apt-get install -y -qq fonts-wqy-zenhei >/dev/null ||
    echo "test-services: no CJK font; screenshots will show boxes for Chinese text" >&2
fi

# The MCP check runs the official MCP TypeScript client (@modelcontextprotocol/sdk) on Node.js;
# its packages come from the npm registry, pinned by the lock file.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "test-services: installing Node.js and npm" >&2
  as_root apt-get update -qq
  as_root apt-get install -y -qq nodejs npm >/dev/null
fi
mcp_client="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/clients/src/test/node/mcp"
if [ ! -f "$mcp_client/node_modules/@modelcontextprotocol/sdk/package.json" ]; then
  echo "test-services: installing the MCP client check's npm packages" >&2
  npm ci --prefix "$mcp_client" --no-audit --no-fund --loglevel=error >/dev/null
fi
echo "test-services: Node.js $(node --version) and the MCP client are ready" >&2
