#!/usr/bin/env bash
# Installs the Debian packages MagicHub's services and tests need (PostgreSQL for tests, and every
# snippet in scripts/deps/*.sh: ffmpeg, PocketSphinx, RabbitMQ, Redis, ...). Idempotent: skips the
# work when nothing changed since the last successful run. Needs root or sudo.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
sudo_cmd=""
if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi

stamp=/var/tmp/magichub-deps.stamp
digest=$( (cat "$here/install-deps.sh" "$here"/deps/*.sh 2>/dev/null || true) | sha256sum | cut -d' ' -f1)
if [ "${1:-}" != "--force" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$digest" ]; then
  echo "install-deps: packages already installed (scripts unchanged)"
  exit 0
fi

export DEBIAN_FRONTEND=noninteractive
$sudo_cmd apt-get update -q
$sudo_cmd apt-get install -y -q --no-install-recommends postgresql procps ca-certificates
for snippet in "$here"/deps/*.sh; do
  [ -e "$snippet" ] || continue
  echo "install-deps: $(basename "$snippet")"
  $sudo_cmd env DEBIAN_FRONTEND=noninteractive bash "$snippet"
done
echo "$digest" > "$stamp"
echo "install-deps: done"
