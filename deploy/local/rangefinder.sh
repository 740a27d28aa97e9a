#!/usr/bin/env bash
# `npm run rangefinder -- <command>`: the CLI, after setup.
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
exec node dist/apps/cli/src/main.js "$@"
