#!/usr/bin/env bash
# Builds .device-kit/ (gitignored): everything scripts/device-check.sh needs on a GPU machine that
# has no network and gets only the tracked files of this tree plus at most 64 MiB of carried ones.
#
#   app.tar.gz   node_modules (production packages only, pruned: no source maps, no browser
#                bundles, Dawn for linux-x64 only), dist/ (built now), the built corpora
#   node.tar.xz  this machine's Node binary (bin/node; xz: 24 MB against gzip's 36), used there
#                only if its own is missing or older than 20; leave it out with --no-node
#   debs/        the Vulkan loader and the client libraries NVIDIA's Vulkan driver needs
#                (libvulkan1, libglvnd0, libX11/libXext and theirs), from `apt-get download`
#   MANIFEST     what went in, from which commit
#
# Usage: scripts/build-device-kit.sh [--no-node]     (run from anywhere; needs npm, apt-get, tar)
# Then:  the device tool's run with carry [".device-kit"] and command scripts/device-check.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
KIT=$ROOT/.device-kit
WITH_NODE=1
[ "${1:-}" = --no-node ] && WITH_NODE=0
LIMIT_BYTES=$((60 * 1024 * 1024)) # under the 64 MiB that may travel, with room for the tree

rm -rf "$KIT"
mkdir -p "$KIT/debs"
STAGE=$(mktemp -d)
trap 'rm -rf "$STAGE"' EXIT

echo "building dist/ and the corpora"
npm run build --silent
node bin/rnn-lab.js corpus >/dev/null

echo "copying the production packages"
# Every package npm needs without devDependencies (chromium, playwright and theirs stay behind).
npm ls --omit=dev --all --parseable 2>/dev/null | sed -n "s|^$ROOT/node_modules/||p" | grep -v '/node_modules/' | sort -u >"$STAGE/packages"
mkdir -p "$STAGE/app/node_modules"
while read -r pkg; do
  mkdir -p "$STAGE/app/node_modules/$(dirname "$pkg")"
  cp -a "node_modules/$pkg" "$STAGE/app/node_modules/$pkg"
done <"$STAGE/packages"
cp -a node_modules/.bin "$STAGE/app/node_modules/.bin" 2>/dev/null || true

echo "pruning"
NM=$STAGE/app/node_modules
find "$NM" -name '*.map' -delete
find "$NM/@tensorflow" \( -name '*.min.js' -o -name '*.es2017.js' -o -name '*.fesm.js' -o -name '*.html' -o -name tsconfig.tsbuildinfo \) -delete
find "$NM/@tensorflow" -type d -name miniprogram -prune -exec rm -rf {} +
# Node loads one CommonJS bundle per package (dist/*.node.js); the ES modules and browser bundles
# beside it are never loaded (their .d.ts stay: submissions are type-checked against them), nor is
# core-js (the browser polyfills of @tensorflow/tfjs).
find "$NM/@tensorflow" -path '*/dist/*' -name '*.js' ! -name '*.node.js' -delete
rm -rf "$NM/@tensorflow/tfjs-node" "$NM/@tensorflow/tfjs-node-gpu" "$NM/core-js"
find "$NM/webgpu/dist" -mindepth 1 -maxdepth 1 ! -name linux-x64 -exec rm -rf {} +
rm -rf "$NM/typescript/lib/"{cs,de,es,fr,it,ja,ko,pl,pt-br,ru,tr,zh-cn,zh-tw} "$NM/typescript/lib/"{_tsserver.js,_typingsInstaller.js,tsserver.js,tsserverlibrary.js,typingsInstaller.js}

echo "packing app.tar.gz"
cp -a dist "$STAGE/app/dist"
mkdir -p "$STAGE/app/fixtures/corpora"
cp -a fixtures/corpora/build "$STAGE/app/fixtures/corpora/build"
tar -C "$STAGE/app" -czf "$KIT/app.tar.gz" node_modules dist fixtures

if [ "$WITH_NODE" = 1 ]; then
  echo "packing node.tar.xz ($(node --version))"
  mkdir -p "$STAGE/node/bin"
  cp "$(command -v node)" "$STAGE/node/bin/node"
  tar -C "$STAGE/node" -cJf "$KIT/node.tar.xz" bin
fi

echo "downloading the Vulkan loader .debs"
DEBS="libvulkan1 libglvnd0 libx11-6 libx11-data libxext6 libxcb1 libxau6 libxdmcp6 libbsd0 libmd0"
# (As root apt warns that it downloads unsandboxed; harmless here.)
(cd "$KIT/debs" && apt-get download $DEBS 2>&1) | grep -v 'unsandboxed as root' || true
for deb in $DEBS; do
  ls "$KIT/debs/${deb}_"*.deb >/dev/null 2>&1 || { echo "apt-get download $deb failed" >&2; exit 1; }
done

{
  echo "rnn-lab device kit, built $(date -u +%FT%TZ) on $(hostname)"
  echo "commit $(git rev-parse HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD 2>/dev/null || echo ' (with uncommitted changes)')"
  echo "node $(node --version)$([ "$WITH_NODE" = 1 ] || echo ' (not packed)')"
  echo "packages: $(wc -l <"$STAGE/packages")"
  (cd "$KIT" && ls -l app.tar.gz node.tar.xz debs/*.deb 2>/dev/null | awk '{print $5, $NF}')
} >"$KIT/MANIFEST"

total=$(du -sb "$KIT" | cut -f1)
cat "$KIT/MANIFEST"
echo "total $((total / 1024 / 1024)) MiB in $KIT"
if [ "$total" -gt "$LIMIT_BYTES" ]; then
  echo "too big to carry (limit $((LIMIT_BYTES / 1024 / 1024)) MiB): try --no-node where the GPU machine has Node >= 20" >&2
  exit 1
fi
