#!/bin/sh
# Creates Temporal's two databases and sets up or upgrades their schemas to the server's version:
# each step does nothing when already done, so it runs before every start (docker-compose.yml's
# temporal-schema service; the cluster tier runs the same steps, libs/local-stack temporal-server.ts).
set -eu
export SQL_PLUGIN=postgres12 SQL_HOST="${TEMPORAL_DB_HOST:?}" SQL_PORT="${TEMPORAL_DB_PORT:-5432}" \
  SQL_USER="${TEMPORAL_DB_USER:?}" SQL_PASSWORD="${TEMPORAL_DB_PASSWORD:?}"
for pair in "${TEMPORAL_DB:-temporal}:postgresql/v12/temporal" "${TEMPORAL_VISIBILITY_DB:-temporal_visibility}:postgresql/v12/visibility"; do
  db="${pair%%:*}"
  schema="${pair#*:}"
  temporal-sql-tool --db "$db" create-database
  temporal-sql-tool --db "$db" setup-schema -v 0.0
  temporal-sql-tool --db "$db" update-schema --schema-name "$schema"
done
