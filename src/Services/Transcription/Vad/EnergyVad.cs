namespace MagicHub.Transcription.Vad;

/// <summary>Fallback VAD: 20 ms frames whose energy stands well above the recording's noise floor.</summary>
public sealed class EnergyVad : IVoiceActivityDetector
{
    private const int Frame = 320;

    public string Name => "energy";

    public IReadOnlyList<SpeechRegion> Detect(ReadOnlySpan<short> pcm)
    {
        var frames = pcm.Length / Frame;
        var db = new float[frames];
        for (var f = 0; f < frames; f++)
        {
            double sum = 0;
            foreach (var s in pcm.Slice(f * Frame, Frame))
            {
                sum += s * (double)s;
            }

            db[f] = (float)(10 * Math.Log10((sum / Frame) + 1));
        }

        if (frames == 0)
        {
            return [];
        }

        var sorted = db.Order().ToArray();
        var floor = sorted[frames / 10];
        var threshold = Math.Max(floor + 12, 30f); // 30 dB ≈ -60 dBFS: digital silence never counts as speech
        var probabilities = db.Select(x => x >= threshold ? 1f : 0f).ToArray();
        return FrameSmoother.Regions(probabilities, Frame / 16_000.0, hangoverFrames: 12, minSpeechFrames: 8);
    }
}
