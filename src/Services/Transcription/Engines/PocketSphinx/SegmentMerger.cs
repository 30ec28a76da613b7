using MagicHub.Transcription.Vad;

namespace MagicHub.Transcription.Engines.PocketSphinx;

/// <summary>Builds segments from recognized words: per-channel utterances merged by time, or words grouped into VAD regions.</summary>
public static class SegmentMerger
{
    /// <summary>Merges each speaker's utterances into one list ordered by start time.</summary>
    public static List<EngineSegment> Merge(IEnumerable<(string Speaker, IReadOnlyList<List<RecognizedWord>> Utterances)> channels) =>
        [.. channels
            .SelectMany(ch => ch.Utterances.Where(u => u.Count > 0).Select(u => ToSegment(ch.Speaker, u)))
            .OrderBy(s => s.Start)
            .ThenBy(s => s.End)];

    /// <summary>Assigns each word to the speech region it overlaps most (or the nearest one) and makes one segment per non-empty region.</summary>
    public static List<EngineSegment> GroupByRegions(IReadOnlyList<RecognizedWord> words, IReadOnlyList<SpeechRegion> regions, IReadOnlyList<string> labels)
    {
        if (regions.Count == 0)
        {
            return words.Count == 0 ? [] : [ToSegment("Speaker", [.. words])];
        }

        var groups = regions.Select(_ => new List<RecognizedWord>()).ToArray();
        foreach (var word in words)
        {
            var mid = (word.Start + word.End) / 2;
            var best = 0;
            var bestDistance = double.MaxValue;
            for (var i = 0; i < regions.Count; i++)
            {
                var distance = mid < regions[i].Start ? regions[i].Start - mid : mid > regions[i].End ? mid - regions[i].End : 0;
                if (distance < bestDistance)
                {
                    (best, bestDistance) = (i, distance);
                }
            }

            groups[best].Add(word);
        }

        var segments = new List<EngineSegment>();
        for (var i = 0; i < regions.Count; i++)
        {
            if (groups[i].Count > 0)
            {
                var segment = ToSegment(labels[i], groups[i]);
                segments.Add(segment with { Start = Math.Min(segment.Start, regions[i].Start), End = Math.Max(segment.End, regions[i].End) });
            }
        }

        return segments;
    }

    private static EngineSegment ToSegment(string speaker, List<RecognizedWord> words) => new(
        words[0].Start,
        words[^1].End,
        speaker,
        string.Join(' ', words.Select(w => w.Word)),
        Math.Round(words.Average(w => w.Confidence), 3));
}
