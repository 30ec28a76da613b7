using MagicHub.Transcription.Engines.PocketSphinx;
using MagicHub.Transcription.Vad;

namespace MagicHub.Transcription.Tests;

public sealed class SegmentMergerTests
{
    private static List<RecognizedWord> Words(double start, params string[] words) =>
        [.. words.Select((w, i) => new RecognizedWord(w, start + (i * 0.4), start + (i * 0.4) + 0.35, 0.8))];

    [Fact]
    public void Channel_utterances_are_merged_by_start_time_with_their_speakers()
    {
        var agent = new List<List<RecognizedWord>> { Words(0.2, "hello", "bank"), Words(6.0, "thank", "you") };
        var customer = new List<List<RecognizedWord>> { Words(2.5, "lost", "my", "card") };

        var merged = SegmentMerger.Merge([("Agent", agent), ("Customer", customer)]);

        Assert.Equal(["Agent", "Customer", "Agent"], merged.Select(s => s.Speaker));
        Assert.Equal(["hello bank", "lost my card", "thank you"], merged.Select(s => s.RawText));
        Assert.Equal(2.5, merged[1].Start, 3);
        Assert.Equal(0.8, merged[0].Confidence, 3);
    }

    [Fact]
    public void Mono_words_are_grouped_into_the_nearest_speech_region()
    {
        var words = Words(0.1, "hi", "there").Concat(Words(3.1, "my", "card")).ToList();
        var regions = new List<SpeechRegion> { new(0.0, 1.0), new(3.0, 4.0), new(8.0, 9.0) };

        var segments = SegmentMerger.GroupByRegions(words, regions, ["Agent", "Customer", "Agent"]);

        Assert.Equal(2, segments.Count);
        Assert.Equal(("Agent", "hi there"), (segments[0].Speaker, segments[0].RawText));
        Assert.Equal(("Customer", "my card"), (segments[1].Speaker, segments[1].RawText));
        Assert.Equal(3.0, segments[1].Start, 3);
    }

    [Fact]
    public void Two_voices_of_different_pitch_are_told_apart_and_the_first_is_the_agent()
    {
        static short[] Tone(double hz, double seconds) =>
            [.. Enumerable.Range(0, (int)(16000 * seconds)).Select(i => (short)(8000 * Math.Sin(2 * Math.PI * hz * i / 16000)))];
        var pcm = Tone(220, 1).Concat(new short[8000]).Concat(Tone(110, 1)).Concat(new short[8000]).Concat(Tone(225, 1)).ToArray();
        var regions = new List<SpeechRegion> { new(0, 1), new(1.5, 2.5), new(3, 4) };

        Assert.Equal(["Agent", "Customer", "Agent"], PitchSpeakerLabeler.Label(pcm, regions));
    }

    [Fact]
    public void Energy_vad_finds_speech_between_silences()
    {
        var pcm = new short[16000].Concat(Enumerable.Range(0, 16000).Select(i => (short)(6000 * Math.Sin(i / 5.0)))).Concat(new short[16000]).ToArray();

        var region = Assert.Single(new EnergyVad().Detect(pcm));
        Assert.InRange(region.Start, 0.9, 1.1);
        Assert.InRange(region.End, 1.9, 2.1);
    }
}

public sealed class DigitRescoringTests
{
    private static List<RecognizedWord> Words(string text) =>
        [.. text.Split(' ').Select((w, i) => new RecognizedWord(w, i * 0.5, (i * 0.5) + 0.4, 0.9))];

    [Theory]
    [InlineData("for eight zero three one was")]
    [InlineData("five five five three zero on nine eight seven six")]
    [InlineData("fine fine fine fine fine fine fine fine fine fine for for")]
    public void Utterances_that_are_mostly_digit_look_alikes_get_the_digits_pass(string text) => Assert.True(DigitRescoring.LooksLikeDigits(Words(text)));

    [Theory]
    [InlineData("my card number is four one one one")]
    [InlineData("i want to go to the bank")]
    [InlineData("one two")]
    public void Ordinary_utterances_keep_their_words(string text) => Assert.False(DigitRescoring.LooksLikeDigits(Words(text)));

    [Fact]
    public void Digits_pass_words_within_the_utterance_replace_it()
    {
        var utterance = Words("for eight zero three one was").Select(w => w with { Start = w.Start + 10, End = w.End + 10 }).ToList();
        var digits = Words("nine nine").Concat(Words("four eight zero three one one").Select(w => w with { Start = w.Start + 10, End = w.End + 10 })).ToList();

        var replaced = DigitRescoring.Replace(utterance, digits);

        Assert.Equal("four eight zero three one one", string.Join(' ', replaced.Select(w => w.Word)));
        Assert.Equal(utterance, DigitRescoring.Replace(utterance, Words("nine nine")));
    }
}
