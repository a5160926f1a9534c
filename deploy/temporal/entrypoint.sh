#!/bin/sh
# Starts one Temporal service (frontend, history, matching or worker) from config.yaml. The other
# services reach it at the address it broadcasts: this container's own, unless set.
set -eu
service="${1:?usage: entrypoint.sh frontend|history|matching|worker}"
if [ -z "${TEMPORAL_BROADCAST_ADDRESS:-}" ]; then
  TEMPORAL_BROADCAST_ADDRESS="$(hostname -i | awk '{print $1}')"
  export TEMPORAL_BROADCAST_ADDRESS
fi
exec temporal-server --config-file "${TEMPORAL_CONFIG_FILE:-/etc/temporal/config.yaml}" --allow-no-auth start --service "$service"
