namespace MagicHub.Transcription.Vad;

/// <summary>Turns per-frame speech probabilities into regions with hysteresis, a hangover and a minimum length (Silero's usual rules).</summary>
internal static class FrameSmoother
{
    public static List<SpeechRegion> Regions(IReadOnlyList<float> probabilities, double frameSeconds,
        float positive = 0.5f, float negative = 0.35f, int hangoverFrames = 8, int minSpeechFrames = 5)
    {
        var regions = new List<SpeechRegion>();
        int? start = null;
        var lastSpeech = 0;
        for (var i = 0; i < probabilities.Count; i++)
        {
            var p = probabilities[i];
            if (p >= positive)
            {
                start ??= i;
                lastSpeech = i;
            }
            else if (start is not null && p < negative && i - lastSpeech > hangoverFrames)
            {
                Close(start.Value, lastSpeech);
                start = null;
            }
        }

        if (start is not null)
        {
            Close(start.Value, lastSpeech);
        }

        return regions;

        void Close(int first, int last)
        {
            if (last - first + 1 >= minSpeechFrames)
            {
                regions.Add(new SpeechRegion(first * frameSeconds, (last + 1) * frameSeconds));
            }
        }
    }
}
