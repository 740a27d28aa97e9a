#!/usr/bin/env bash
# `npm run stack:up|stack:down|stack:status`: the local system (Kafka, database, services), after setup.
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
exec node dist/deploy/local/stack.js "$@"
