#!/usr/bin/env bash
# Remakes the two zips beside this script with Info-ZIP's zip, the tool most Linux and macOS
# students zip with (Debian's zip 3.0 made the committed ones). The tests only read the zips, so
# they need no zip command; run this by hand if you change what the zips should contain.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export TZ=UTC

# nested.zip: `zip -r` of hw4/src/ holding every lab file as labSource() writes it (../testing.ts)
mkdir -p "$work/hw4/src"
for f in data.ts ngram.ts rnn.ts kerasRnn.ts loss.ts train.ts generate.ts random.ts init.ts; do
  printf "// %s\nexport const file = '%s';\n" "$f" "$f" >"$work/hw4/src/$f"
done
touch -d '2026-03-02 10:00:00' "$work/hw4" "$work/hw4/src" "$work"/hw4/src/*
(cd "$work" && rm -f "$here/nested.zip" && zip -q -r "$here/nested.zip" hw4)

# symlink.zip: `zip -y` stores data.ts as a link to /etc/passwd instead of the file it points to
mkdir "$work/link"
printf 'export {}\n' >"$work/link/rnn.ts"
ln -s /etc/passwd "$work/link/data.ts"
touch -h -d '2026-03-02 10:00:00' "$work/link/rnn.ts" "$work/link/data.ts"
(cd "$work/link" && rm -f "$here/symlink.zip" && zip -q -y "$here/symlink.zip" rnn.ts data.ts)
