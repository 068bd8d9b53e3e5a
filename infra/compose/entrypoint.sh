#!/bin/sh
# Starts the Quotient service named by $SERVICE. `exec` makes Node PID 1's direct replacement, so
# SIGTERM from `docker stop` reaches the service's own clean shutdown.
set -eu
case "${SERVICE:-}" in
  projection | deals | customers | costs | training)
    exec node --enable-source-maps "dist/apps/${SERVICE}-service/src/main.js" ;;
  *)
    echo "SERVICE must be one of projection, deals, customers, costs, training (got '${SERVICE:-}')" >&2
    exit 64 ;;
esac
