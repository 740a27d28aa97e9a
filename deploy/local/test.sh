#!/usr/bin/env bash
# `npm test`: the whole suite, unit and e2e. The e2e project starts its own Kafka broker on test
# ports (unless KAFKA_BROKERS names one) and creates and drops its own databases and topics.
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
# Type-aware lint and the layering rules (.dependency-cruiser.cjs) first: either failing fails CI.
npm run --silent lint
npm run --silent depcruise
# kcat is the independent Kafka client the e2e tests produce with (Debian package).
if ! command -v kcat >/dev/null; then
  echo "setup: installing kcat (apt-get)" >&2
  { apt-get update -qq && apt-get install -y -qq kcat; } >/dev/null
fi
npx jest "$@" --selectProjects unit
npx jest "$@" --runInBand --selectProjects e2e
