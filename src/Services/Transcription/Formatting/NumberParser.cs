using System.Globalization;

namespace MagicHub.Transcription.Formatting;

/// <summary>
/// Parses a run of number words into chunks: "twenty five thousand" is one chunk (25000), "four one one one" is four
/// (4, 1, 1, 1) that read as the digit string "4111", "nineteen ninety nine" is two (19, 99) reading "1999".
/// </summary>
internal static class NumberParser
{
    private enum Kind { None, Unit, Teen, Tens, Hundred, Scale, Zero }

    public sealed record Result(int Consumed, IReadOnlyList<long> Chunks, bool UsedScale)
    {
        public string Digits => string.Concat(Chunks.Select(c => c.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>Parses number words starting at <paramref name="start"/>; Consumed is 0 when none is there.</summary>
    public static Result Parse(IReadOnlyList<string> words, int start)
    {
        var chunks = new List<long>();
        long total = 0, current = 0;
        var kind = Kind.None;
        var usedScale = false;
        var i = start;
        for (; i < words.Count; i++)
        {
            var w = Alias(words, i);
            if (w == "and" && kind is Kind.Hundred or Kind.Scale && i + 1 < words.Count && NumberWords.IsNumberWord(Alias(words, i + 1)))
            {
                continue;
            }

            if (w == "a" && kind == Kind.None && i + 1 < words.Count && (words[i + 1] == "hundred" || NumberWords.Scales.ContainsKey(words[i + 1])))
            {
                (current, kind) = (1, Kind.Unit);
                continue;
            }

            if (NumberWords.Units.TryGetValue(w, out var unit))
            {
                if (unit == 0)
                {
                    Flush();
                    chunks.Add(0);
                    kind = Kind.Zero;
                    continue;
                }

                if (kind is Kind.Unit or Kind.Teen or Kind.Zero)
                {
                    Flush();
                }

                current += unit;
                kind = Kind.Unit;
            }
            else if (NumberWords.Teens.TryGetValue(w, out var teen) || NumberWords.Tens.TryGetValue(w, out teen))
            {
                if (kind is Kind.Unit or Kind.Teen or Kind.Tens or Kind.Zero)
                {
                    Flush();
                }

                current += teen;
                kind = teen < 20 ? Kind.Teen : Kind.Tens;
            }
            else if (w == "hundred" && kind is Kind.Unit or Kind.Teen && current < 100)
            {
                current *= 100;
                kind = Kind.Hundred;
            }
            else if (NumberWords.Scales.TryGetValue(w, out var scale) && kind is Kind.Unit or Kind.Teen or Kind.Tens or Kind.Hundred && current > 0)
            {
                total += current * scale;
                current = 0;
                kind = Kind.Scale;
                usedScale = true;
            }
            else
            {
                break;
            }
        }

        Flush();
        return new Result(i - start, chunks, usedScale);

        void Flush()
        {
            if (kind is not Kind.None and not Kind.Zero)
            {
                chunks.Add(total + current);
            }

            (total, current, kind) = (0, 0, Kind.None);
        }
    }

    /// <summary>
    /// "oh" next to a digit word is zero; "for"/"to"/"too" between digit words are digits the recognizer spelled
    /// as homophones ("four one for one").
    /// </summary>
    internal static string Alias(IReadOnlyList<string> words, int i)
    {
        var w = words[i];
        if (w is not ("oh" or "for" or "to" or "too"))
        {
            return w;
        }

        var before = i > 0 && NumberWords.IsDigitWord(words[i - 1]);
        var after = i + 1 < words.Count && NumberWords.IsDigitWord(words[i + 1]);
        return w switch
        {
            "oh" when before || after => "zero",
            "for" when before && after => "four",
            "to" or "too" when before && after => "two",
            _ => w,
        };
    }
}
