using MagicHub.Testing;
using MagicHub.Transcription.Engines.PocketSphinx;

namespace MagicHub.Transcription.Tests;

/// <summary>A reused decoder, reset after a stream, must decode exactly like a freshly loaded one.</summary>
public sealed class DecoderResetTests
{
    private static readonly short[] First = SpeechAudio.Synthesize(
        "good morning thank you for calling the clinic my name is anna how can i help you today", SpeechAudio.AgentVoice);

    private static readonly short[] Second = SpeechAudio.Synthesize(
        "i would like to book an appointment for next tuesday my phone number is five five five one two three four", SpeechAudio.CustomerVoice);

    [Fact]
    public void Reset_decoder_matches_a_fresh_one_word_for_word_and_in_scores()
    {
        var options = new PocketSphinxOptions();
        using var fresh = new PocketSphinxDecoder(options);
        var expected = Flatten(fresh.Decode(Second, TestContext.Current.CancellationToken));

        using var reused = new PocketSphinxDecoder(options);
        _ = reused.Decode(First, TestContext.Current.CancellationToken);
        var carried = Flatten(reused.Decode(Second, TestContext.Current.CancellationToken));
        Assert.True(reused.TryResetAdaptation());
        _ = reused.Decode(First, TestContext.Current.CancellationToken);
        Assert.True(reused.TryResetAdaptation());
        var afterReset = Flatten(reused.Decode(Second, TestContext.Current.CancellationToken));

        Assert.NotEmpty(expected);
        Assert.Equal(expected, afterReset);
        // Without the reset the adapted cepstral mean shows in the scores: the comparison above can tell the two apart.
        Assert.NotEqual(expected, carried);
    }

    private static List<RecognizedWord> Flatten(List<List<RecognizedWord>> utterances) => [.. utterances.SelectMany(u => u)];
}
