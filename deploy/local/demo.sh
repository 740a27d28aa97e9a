#!/usr/bin/env bash
# `npm run demo`: brings the whole system up, loads the real ai-jobs data and prints what happened.
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
exec node dist/deploy/local/demo.js "$@"
