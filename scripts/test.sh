#!/usr/bin/env bash
# The test command: installs what the tests need, builds with warnings as errors, runs every
# test project of MagicHub.slnx, and ends with a plain "N passed, N failed, N skipped" line.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh || { echo "0 passed, 1 failed"; exit 1; }

log=$(mktemp)
if ! dotnet build MagicHub.slnx -c Release -nologo -v q 2>&1 | tee "$log" | grep -E "error|warn" ; then :; fi
if grep -qE "Build FAILED|error [A-Z]+[0-9]+" "$log"; then
  echo "Build failed."
  echo "0 passed, 1 failed"
  exit 1
fi

timeout 1800 dotnet test --solution MagicHub.slnx -c Release --no-build 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
# Sum the per-run summaries that Microsoft.Testing.Platform prints ("total: / failed: / succeeded: / skipped:").
passed=$(grep -E "^\s+succeeded: [0-9]+" "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -E "^\s+failed: [0-9]+" "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -E "^\s+skipped: [0-9]+" "$log" | awk '{s+=$2} END {print s+0}')
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
