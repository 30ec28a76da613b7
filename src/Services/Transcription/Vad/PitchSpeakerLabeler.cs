namespace MagicHub.Transcription.Vad;

/// <summary>
/// Infers two speakers in mono audio from each region's median pitch: when the regions fall into two clearly separated
/// pitch groups, the group that speaks first is the agent (the agent answers the call); otherwise everyone is "Speaker".
/// </summary>
public static class PitchSpeakerLabeler
{
    private const int Frame = 640; // 40 ms
    private const int MinLag = 16_000 / 400;
    private const int MaxLag = 16_000 / 60;

    public static IReadOnlyList<string> Label(ReadOnlySpan<short> pcm, IReadOnlyList<SpeechRegion> regions)
    {
        var pitches = new double[regions.Count];
        for (var i = 0; i < regions.Count; i++)
        {
            var from = Math.Clamp((int)(regions[i].Start * 16_000), 0, pcm.Length);
            var to = Math.Clamp((int)(regions[i].End * 16_000), from, pcm.Length);
            pitches[i] = MedianPitch(pcm[from..to]);
        }

        var voiced = pitches.Where(p => p > 0).Order().ToArray();
        if (voiced.Length < 2)
        {
            return [.. regions.Select(_ => "Speaker")];
        }

        // Best split of sorted log-pitches into two groups (1-D two-means by exhaustive split).
        var logs = voiced.Select(p => Math.Log(p)).ToArray();
        var (bestCost, split) = (double.MaxValue, 1);
        for (var k = 1; k < logs.Length; k++)
        {
            var cost = Variance(logs[..k]) * k + Variance(logs[k..]) * (logs.Length - k);
            if (cost < bestCost)
            {
                (bestCost, split) = (cost, k);
            }
        }

        var low = Math.Exp(logs[..split].Average());
        var high = Math.Exp(logs[split..].Average());
        if (high / low < 1.3)
        {
            return [.. regions.Select(_ => "Speaker")];
        }

        var boundary = Math.Sqrt(low * high);
        var firstHigh = pitches.First(p => p > 0) > boundary;
        var labels = new string[regions.Count];
        for (var i = 0; i < regions.Count; i++)
        {
            var p = pitches[i] > 0 ? pitches[i] : (i > 0 ? pitches[i - 1] : 0);
            labels[i] = p <= 0 ? "Speaker" : (p > boundary) == firstHigh ? "Agent" : "Customer";
        }

        return labels;
    }

    private static double Variance(double[] values)
    {
        var mean = values.Average();
        return values.Sum(v => (v - mean) * (v - mean)) / values.Length;
    }

    /// <summary>Median autocorrelation pitch (Hz) over the voiced frames, 0 when none is voiced.</summary>
    internal static double MedianPitch(ReadOnlySpan<short> pcm)
    {
        var estimates = new List<double>();
        for (var start = 0; start + Frame <= pcm.Length; start += Frame)
        {
            var frame = pcm.Slice(start, Frame);
            double energy = 0;
            foreach (var s in frame)
            {
                energy += s * (double)s;
            }

            if (energy / Frame < 250_000)
            {
                continue; // quieter than ~ -36 dBFS: not a voiced frame
            }

            var (bestLag, best) = (0, 0.0);
            for (var lag = MinLag; lag <= MaxLag; lag++)
            {
                double sum = 0;
                for (var i = 0; i + lag < Frame; i++)
                {
                    sum += frame[i] * (double)frame[i + lag];
                }

                var normalized = sum / energy;
                if (normalized > best)
                {
                    (bestLag, best) = (lag, normalized);
                }
            }

            if (best > 0.45)
            {
                estimates.Add(16_000.0 / bestLag);
            }
        }

        return estimates.Count == 0 ? 0 : estimates.Order().ElementAt(estimates.Count / 2);
    }
}
