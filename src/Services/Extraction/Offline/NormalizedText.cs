namespace MagicHub.Extraction.Offline;

/// <summary>A text with spoken numbers turned into digits, and the way back to the original offsets.</summary>
public sealed class NormalizedText(string original, string text, IReadOnlyList<NormalizedText.Piece> pieces)
{
    /// <summary>A stretch of the normalized text and the original stretch it came from.</summary>
    public readonly record struct Piece(int Start, int Length, int OriginalStart, int OriginalLength, bool Replaced);

    public string Original { get; } = original;
    public string Text { get; } = text;

    /// <summary>Maps a span of <see cref="Text"/> to the span of <see cref="Original"/> it covers.</summary>
    public (int Start, int End) ToOriginal(int start, int end)
    {
        if (pieces.Count == 0) return (0, 0);
        return (Map(start, isEnd: false), Map(end, isEnd: true));
    }

    private int Map(int index, bool isEnd)
    {
        foreach (var p in pieces)
        {
            var inside = isEnd ? index > p.Start && index <= p.Start + p.Length : index >= p.Start && index < p.Start + p.Length;
            if (!inside) continue;
            if (p.Replaced) return isEnd ? p.OriginalStart + p.OriginalLength : p.OriginalStart;
            return p.OriginalStart + (index - p.Start);
        }
        return isEnd ? Original.Length : 0;
    }
}
