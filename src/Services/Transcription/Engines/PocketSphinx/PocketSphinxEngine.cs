using MagicHub.Prompts.Contracts;
using MagicHub.Transcription.Audio;
using MagicHub.Transcription.Vad;
using Microsoft.Extensions.Options;

namespace MagicHub.Transcription.Engines.PocketSphinx;

/// <summary>
/// Offline engine: stereo is decoded per channel in parallel (one party per channel) and merged by time;
/// mono is decoded as one stream and its words are grouped into the VAD's speech regions, labelled by pitch.
/// </summary>
internal sealed class PocketSphinxEngine(DecoderPool pool, IVoiceActivityDetector vad, IOptions<TranscriptionOptions> options) : ISpeechEngine
{
    public string Name => "pocketsphinx";

    public async Task<EngineResult> TranscribeAsync(AudioUpload upload, DecodedAudio audio, DomainCatalog catalog, CancellationToken cancellationToken)
    {
        var segments = audio.IsStereo ? await StereoAsync(audio, cancellationToken) : await MonoAsync(audio.Channels[0], cancellationToken);
        return new EngineResult(segments, "en", Name);
    }

    private async Task<List<EngineSegment>> StereoAsync(DecodedAudio audio, CancellationToken cancellationToken)
    {
        var agent = options.Value.AgentChannelIndex;
        var channels = await Task.WhenAll(audio.Channels.Select(pcm => pool.RunAsync(d => d.Decode(pcm, cancellationToken), cancellationToken)));
        return SegmentMerger.Merge(channels.Select((utterances, c) => (c == agent ? "Agent" : "Customer", (IReadOnlyList<List<RecognizedWord>>)utterances)));
    }

    private async Task<List<EngineSegment>> MonoAsync(short[] pcm, CancellationToken cancellationToken)
    {
        var decoding = pool.RunAsync(d => d.Decode(pcm, cancellationToken), cancellationToken);
        var regions = await Task.Run(() => vad.Detect(pcm), cancellationToken);
        var labels = await Task.Run(() => PitchSpeakerLabeler.Label(pcm, regions), cancellationToken);
        var words = (await decoding).SelectMany(u => u).ToList();
        return SegmentMerger.GroupByRegions(words, regions, labels);
    }
}
