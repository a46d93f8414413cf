#!/usr/bin/env bash
# Starts a throwaway PostgreSQL for the tests: Debian's package (installed if missing),
# initdb into a temp dir, listening on 127.0.0.1 only, on a free port.
# Prints the database URL on stdout; the server's data dir and log are under $PGTMP.
set -euo pipefail

find_bin() {
  for v in 17 16 15 14 13; do
    if [ -x "/usr/lib/postgresql/$v/bin/initdb" ]; then echo "/usr/lib/postgresql/$v/bin"; return 0; fi
  done
  return 1
}

PGBIN=$(find_bin || true)
if [ -z "$PGBIN" ]; then
  echo "PostgreSQL not found: installing Debian's package" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
  PGBIN=$(find_bin)
fi

PGTMP=${PGTMP:-$(mktemp -d /tmp/tandem-pg.XXXXXX)}
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null \
  || node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')

RUNAS=()
if [ "$(id -u)" = "0" ]; then
  # The server refuses to run as root: run it as an unprivileged user that owns the data dir.
  PGUSER_OS=postgres
  id "$PGUSER_OS" >/dev/null 2>&1 || PGUSER_OS=nobody
  chown -R "$PGUSER_OS" "$PGTMP"
  RUNAS=(runuser -u "$PGUSER_OS" --)
fi

"${RUNAS[@]}" "$PGBIN/initdb" -D "$PGTMP/data" -U tandem --auth=trust -E UTF8 --locale=C.UTF-8 >"$PGTMP/initdb.log" 2>&1 \
  || "${RUNAS[@]}" "$PGBIN/initdb" -D "$PGTMP/data" -U tandem --auth=trust -E UTF8 --locale=C >"$PGTMP/initdb.log" 2>&1
"${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$PGTMP/data" -l "$PGTMP/server.log" -w -t 60 \
  -o "-h 127.0.0.1 -p $PORT -k $PGTMP -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >&2
"$PGBIN/createdb" -h 127.0.0.1 -p "$PORT" -U tandem tandem_test >&2
echo "$PGTMP" >"${PG_STATE_FILE:-/dev/null}"
echo "postgres://tandem@127.0.0.1:$PORT/tandem_test"
