#!/usr/bin/env bash
# Starts the whole MagicHub platform on this machine with embedded defaults:
# every service on its own port, health-checked, data under ./data. Ctrl+C stops it.
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/install-deps.sh
exec dotnet run -c Release --project src/MagicHub.AppHost -- "$@"
