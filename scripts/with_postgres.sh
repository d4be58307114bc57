#!/usr/bin/env bash
# Run a command with a throw-away PostgreSQL server for the store tests:
#   bash scripts/with_postgres.sh bash scripts/test.sh -q
# Installs Debian's `postgresql` package when no server binaries are found
# (needs root and the Debian archive), starts a cluster in a temporary folder
# listening on 127.0.0.1 only, creates the database kp2s_test, exports
# KP2S_TEST_PG_URL for the tests, runs the command, then stops the server and
# deletes the folder. Tests marked `postgres` skip when KP2S_TEST_PG_URL is unset.
set -euo pipefail

find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
PG_BIN="$(find_bin || true)"
if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ]; then
  echo "with_postgres: installing Debian's postgresql package" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  PG_BIN="$(find_bin)"
fi

as_pg() {
  # The server refuses to run as root: use Debian's postgres user when root.
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

PG_TMP="$(mktemp -d "${TMPDIR:-/tmp}/kp2s-pg.XXXXXX")"
[ "$(id -u)" = 0 ] && chown postgres "$PG_TMP"
PG_PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"

stop_pg() {
  as_pg "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$PG_TMP"
}
trap stop_pg EXIT

as_pg "$PG_BIN/initdb" --no-sync -D "$PG_TMP/data" -A trust -U postgres -E UTF8 >/dev/null
as_pg "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -l "$PG_TMP/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_TMP" start >/dev/null
as_pg "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres kp2s_test
export KP2S_TEST_PG_URL="postgresql+psycopg://postgres@127.0.0.1:$PG_PORT/kp2s_test"
echo "with_postgres: PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT" >&2

"$@"
