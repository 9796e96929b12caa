#!/usr/bin/env bash
# The one-call check on a GPU machine (README "GPU backends"): unpacks what .device-kit/ carries
# (scripts/build-device-kit.sh builds it), makes the Vulkan loader and NVIDIA's driver findable,
# prints the adapter, runs the webgpu parity tests, the training benchmark (RNN and trigram at
# V = 5,000 and 20,000, on webgpu, then on wasm for comparison) and a full grade of the solution on
# webgpu with --require-gpu (the default config, time limits and bars as they are). No network
# needed. Everything goes to the log ($OUT/device-check/ when $OUT is set, as on the device tool,
# else reports/out/device-check/); each step has a time limit, so the whole run stays under 9
# minutes (about 8 at worst). Exit status: the number of failed steps.
#
#   npm run device-check          (or scripts/device-check.sh; KIT=/path overrides .device-kit)
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
KIT=${KIT:-$ROOT/.device-kit}
LOGDIR=${OUT:+$OUT/device-check}
LOGDIR=${LOGDIR:-$ROOT/reports/out/device-check}
mkdir -p "$LOGDIR"
LOG=$LOGDIR/device-check.log
FAILED=0
START=$(date +%s)

step() { # step NAME SECONDS COMMAND...: runs one step with a time limit and records how it ended
  local name=$1 limit=$2 t0 rc
  shift 2
  echo
  echo "=== $name (limit ${limit} s) ==="
  t0=$(date +%s)
  timeout --kill-after=10 "$limit" "$@"
  rc=$?
  echo "=== $name: exit $rc after $(($(date +%s) - t0)) s ==="
  [ "$rc" = 0 ] || FAILED=$((FAILED + 1))
}

main() {
echo "device check on $(hostname), $(date -u +%FT%TZ)"
command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv
[ -f "$KIT/MANIFEST" ] && cat "$KIT/MANIFEST" || { echo "no kit at $KIT: build it with scripts/build-device-kit.sh"; return 1; }

# --- unpack: the app's ignored files, Node where the machine's own is missing or too old ---
[ -d node_modules ] || tar -C "$ROOT" -xzf "$KIT/app.tar.gz"
NODE_MAJOR=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$NODE_MAJOR" -lt 20 ]; then
  mkdir -p "$KIT/node" && tar -C "$KIT/node" -xJf "$KIT/node.tar.xz" || { echo "no Node >= 20 here, and the carried one did not unpack (tar needs xz)"; return 1; }
  export PATH=$KIT/node/bin:$PATH
fi
echo "node $(node --version) at $(command -v node)"

# --- Vulkan: the carried loader and X11/glvnd libraries, only those the machine lacks ---
mkdir -p "$KIT/root" "$KIT/lib"
for deb in "$KIT"/debs/*.deb; do dpkg-deb -x "$deb" "$KIT/root" 2>/dev/null || (cd "$KIT/root" && ar p "$deb" data.tar.xz | tar -xJ); done
# DEVICE_CHECK_CARRIED_LIBS=all uses every carried library (to try the carried loader on any machine).
for lib in "$KIT"/root/usr/lib/x86_64-linux-gnu/*.so.*; do
  name=$(basename "$lib")
  if [ "${DEVICE_CHECK_CARRIED_LIBS:-missing}" = all ] || ! ldconfig -p 2>/dev/null | grep -q "[[:space:]]$name "; then ln -sf "$lib" "$KIT/lib/$name"; fi
done
echo "carried libraries in use: $(ls "$KIT/lib" | tr '\n' ' ')"
export LD_LIBRARY_PATH=$KIT/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
[ -d /usr/local/nvidia/lib64 ] && export LD_LIBRARY_PATH=$LD_LIBRARY_PATH:/usr/local/nvidia/lib64
if [ -z "${VK_ICD_FILENAMES:-}" ]; then
  for icd in /usr/share/vulkan/icd.d/nvidia_icd.json /etc/vulkan/icd.d/nvidia_icd.json /usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json /usr/local/nvidia/icd.d/nvidia_icd.json; do
    [ -f "$icd" ] && { export VK_ICD_FILENAMES=$icd; break; }
  done
fi
echo "LD_LIBRARY_PATH=$LD_LIBRARY_PATH"
echo "VK_ICD_FILENAMES=${VK_ICD_FILENAMES:-(loader default)}"
[ -n "${VK_ICD_FILENAMES:-}" ] && cat "$VK_ICD_FILENAMES"

# --- the adapter, the parity tests, the benchmark, a full grade ---
step "WebGPU adapter" 60 node -e '
  const { probeAdapter, describeAdapter, isSoftwareAdapter } = require("./dist/grader/runtime/webgpu/adapter");
  const p = probeAdapter();
  if (!p.ok) { console.log(p.problem); process.exit(1); }
  console.log(JSON.stringify(p.adapter, null, 2));
  console.log(describeAdapter(p.adapter));
  if (isSoftwareAdapter(p.adapter)) { console.log("a software adapter: not a GPU"); process.exit(1); }'
step "webgpu parity tests" 150 node scripts/test-webgpu.js grader/runtime/webgpu
# One figure per model and vocabulary size, each printed as it finishes (a cut-off step keeps them).
step "training benchmark, webgpu" 150 node dist/grader/bench/bench.js --backends webgpu --models rnn,trigram --vocab 5000,20000 --seconds 4 --profile-steps 0
step "training benchmark, wasm on this machine's CPU (for comparison)" 90 node dist/grader/bench/bench.js --backends wasm --models rnn,trigram --vocab 5000,20000 --seconds 3 --profile-steps 0
step "grade of the solution on webgpu, --require-gpu" 200 node bin/rnn-lab.js grade solution/src --backend webgpu --require-gpu --out "$LOGDIR/grade" --format json,md

echo
echo "device check done in $(($(date +%s) - START)) s: $FAILED step(s) failed; log $LOG"
return "$FAILED"
}

main 2>&1 | tee "$LOG"
rc=${PIPESTATUS[0]}
grep -E '^BENCH ' "$LOG" >"$LOGDIR/bench.jsonl" || true
exit "$rc"
