# Sourced by the npm entry points: installs npm packages when the lock file changed and builds
# when a source is newer than the last build, so every command works on a fresh clone.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"

lock_sum="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ ! -f node_modules/.rangefinder-lock ] || [ "$(cat node_modules/.rangefinder-lock)" != "$lock_sum" ]; then
  echo "setup: installing npm packages (npm ci)" >&2
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_sum" > node_modules/.rangefinder-lock
fi

if [ ! -f dist/.built ] || [ -n "$(find apps libs deploy test tsconfig.json package-lock.json -newer dist/.built -type f -print -quit)" ]; then
  echo "setup: building (tsc)" >&2
  npm run --silent build
  touch dist/.built
fi
