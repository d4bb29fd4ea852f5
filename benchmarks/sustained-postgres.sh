#!/usr/bin/env bash
# Starts a PostgreSQL server of its own with the default settings (autovacuum on; the shared test
# server has it off), runs SustainedLoad against it and stops it. Arguments go to SustainedLoad
# after the URL: appends (1000000) and sessions (100). Run from the project's root after
# `mvn -B -q -pl benchmarks -am -DskipTests install`. PG_OPTIONS adds server settings, such as
# PG_OPTIONS="-c autovacuum_naptime=10s"; the report is written to results/sustained-postgres.md.
set -euo pipefail
BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
PORT=${PORT:-55432}
DATA=$(mktemp -d /tmp/agentsession-sustained-XXXX)
chown postgres "$DATA"
trap 'runuser -u postgres -- "$BIN/pg_ctl" stop -m fast -D "$DATA/db" >/dev/null 2>&1 || true; rm -rf "$DATA"' EXIT
runuser -u postgres -- "$BIN/initdb" -D "$DATA/db" -U postgres --auth=trust -E UTF8 --locale=C >/dev/null
runuser -u postgres -- "$BIN/pg_ctl" start -w -D "$DATA/db" -l "$DATA/log" \
  -o "-p $PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=$DATA ${PG_OPTIONS:-}"
cd "$(dirname "$0")"
mvn -B -q -ntp dependency:build-classpath -Dmdep.outputFile="$DATA/cp" >/dev/null
java -Xmx1g -cp "$(cat "$DATA/cp"):target/classes" dev.agentsession.benchmarks.SustainedLoad \
  "jdbc:postgresql://127.0.0.1:$PORT/postgres?user=postgres" "$@"
