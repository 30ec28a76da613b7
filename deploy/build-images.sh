#!/usr/bin/env bash
# Builds one container image per service with the .NET SDK's container support (no Dockerfiles).
# The transcription image needs ffmpeg and PocketSphinx: it is built on a base image that has them
# (set MAGICHUB_TRANSCRIPTION_BASE, e.g. an image made FROM mcr.microsoft.com/dotnet/runtime-deps:10.0, as the
# service is Native AOT, with `apt-get install ffmpeg libpocketsphinx3 pocketsphinx-en-us` and the Silero VAD model
# in /usr/local/share/magichub/vad/).
# Services whose project sets IsAotCompatible (all of them: gateway, extraction, transcription, prompts, identity, calls, media) are published Native AOT (the SDK
# then picks the runtime-deps base image); that needs clang and zlib1g-dev where this script runs
# (scripts/deps/bench.sh), and a glibc no newer than the image's.
set -euo pipefail
cd "$(dirname "$0")/.."
for project in src/Services/*/MagicHub.*.csproj; do
  name=$(basename "$(dirname "$project")" | tr '[:upper:]' '[:lower:]')
  extra=()
  if [ "$name" = "transcription" ] && [ -n "${MAGICHUB_TRANSCRIPTION_BASE:-}" ]; then
    extra=(-p:ContainerBaseImage="$MAGICHUB_TRANSCRIPTION_BASE")
  fi
  if grep -q '<IsAotCompatible>true</IsAotCompatible>' "$project"; then
    extra+=(-r linux-x64 -p:PublishAot=true)
  fi
  dotnet publish "$project" -c Release -t:PublishContainer -p:ContainerRepository="magichub-$name" "${extra[@]}"
done
