#!/usr/bin/env bash
# `npm test`: the whole suite, unit and e2e. The e2e project starts its own Kafka broker on test
# ports (unless KAFKA_BROKERS names one) and creates and drops its own databases.
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
npx jest "$@" --selectProjects unit
npx jest "$@" --runInBand --selectProjects e2e
