#!/usr/bin/env bash
# Runs Jest files as an ordinary user (a staff laptop): creates the user rnnlab-ci where missing
# (needs root), checks that it can reach the project, and runs `npx jest FILES...` as it.
# Usage: scripts/test-as-user.sh grader/sandbox/client/isolation.test.ts ...
set -euo pipefail
cd "$(dirname "$0")/.."
user=rnnlab-ci
if [ "$(id -u)" -ne 0 ]; then
  exec npx jest "$@" # already an ordinary user
fi
id -u "$user" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$user"
# Every folder on the way to the project must be searchable by others (o+x).
dir=$PWD
while [ "$dir" != / ]; do
  if [ "$(( 0$(stat -c %a "$dir") & 1 ))" -eq 0 ]; then
    echo "test-as-user: $user cannot enter $dir (chmod o+x $dir)" >&2
    exit 2
  fi
  dir=$(dirname "$dir")
done
home=$(mktemp -d)
chown "$user" "$home"
trap 'rm -rf "$home"' EXIT
setpriv --reuid="$user" --regid="$user" --init-groups env -i PATH="$PATH" HOME="$home" TMPDIR=/tmp npx jest --cacheDirectory "$home/jest" "$@"
