#!/usr/bin/env bash
# Start a throwaway PostgreSQL server on 127.0.0.1 for the tests, as a non-root user (initdb refuses root),
# in a fresh data folder; print the URL to use (LIANXIN_TEST_PG).  Usage:
#   tools/throwaway_postgres.sh start FOLDER [PORT]   → prints postgresql://lianxin@127.0.0.1:PORT/lianxin_test
#   tools/throwaway_postgres.sh stop FOLDER
# Exits 3 (and says why on stderr) when PostgreSQL's programs are not installed.
set -euo pipefail
action=${1:?start or stop}
folder=${2:?data folder}
port=${3:-55432}
bin=""
for candidate in /usr/lib/postgresql/*/bin; do [ -x "$candidate/initdb" ] && bin=$candidate; done
if [ -z "$bin" ] && command -v initdb >/dev/null; then bin=$(dirname "$(command -v initdb)"); fi
if [ -z "$bin" ]; then echo "PostgreSQL is not installed (no initdb)" >&2; exit 3; fi
run_as() {
  if [ "$(id -u)" = 0 ]; then
    id pgtest >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin pgtest
    chown -R pgtest "$folder"
    su pgtest -s /bin/sh -c "$*"
  else
    sh -c "$*"
  fi
}
case $action in
  start)
    mkdir -p "$folder"
    chmod 755 "$folder"
    run_as "'$bin/initdb' -D '$folder/data' -U lianxin --auth=trust -E UTF8 --locale=C.UTF-8 >'$folder/initdb.log'"
    run_as "'$bin/pg_ctl' -D '$folder/data' -l '$folder/server.log' -w -o \"-c listen_addresses=127.0.0.1 -p $port -k '$folder' -c fsync=off -c synchronous_commit=off -c full_page_writes=off\" start >/dev/null"
    "$bin/createdb" -h 127.0.0.1 -p "$port" -U lianxin lianxin_test
    echo "postgresql://lianxin@127.0.0.1:$port/lianxin_test"
    ;;
  stop)
    run_as "'$bin/pg_ctl' -D '$folder/data' -m fast stop >/dev/null"
    ;;
esac
