#!/usr/bin/env bash
# `npm run bench:<name>`: a benchmark from test/bench against real Kafka and Postgres, after setup.
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
exec node "dist/test/bench/$1.bench.js" "${@:2}"
