#!/usr/bin/env bash
# Regenerates MagicHub.slnx from every project under src/, tests/ and bench/ (one solution folder per directory).
set -euo pipefail
cd "$(dirname "$0")/.."
{
  echo "<Solution>"
  find src tests bench -name "*.csproj" -not -path "*/bin/*" -not -path "*/obj/*" | sort | awk -F/ '
    { folder = "/" $1 "/"; if ($1 != "bench" && NF > 3) folder = folder $2 "/";
      if (folder != current) { if (current != "") print "  </Folder>"; print "  <Folder Name=\"" folder "\">"; current = folder }
      print "    <Project Path=\"" $0 "\" />" }
    END { if (current != "") print "  </Folder>" }'
  echo "</Solution>"
} > MagicHub.slnx
