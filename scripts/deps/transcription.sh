# Transcription service: audio decoding, offline speech engine, test-audio generation.
# Run as root after `apt-get update` (scripts/install-deps.sh does both).
#   ffmpeg                 decode any upload to 16 kHz s16le PCM (process call)
#   libpocketsphinx3       offline speech-to-text, loaded in-process via P/Invoke
#   pocketsphinx-en-us     en-us acoustic model, en-us.lm.bin, cmudict-en-us.dict
#   pocketsphinx           pocketsphinx CLI, the benchmark baseline
#   espeak-ng, sox         tests synthesize small calls at test time
apt-get install -y --no-install-recommends \
    ffmpeg libpocketsphinx3 pocketsphinx-en-us pocketsphinx espeak-ng sox
