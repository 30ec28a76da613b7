using MagicHub.Extraction.Offline;
using MagicHub.Extraction.Transcripts;
using Xunit;

namespace MagicHub.Extraction.Tests;

public sealed class RecognizerTests
{
    [Theory]
    [InlineData("Five five five, three zero one, nine eight seven six.", "5553019876.")]
    [InlineData("forty five dollars a month", "45 dollars a month")]
    [InlineData("twenty five thousand dollars", "25000 dollars")]
    [InlineData("no one called", "no one called")]
    public void Spoken_numbers_become_digits(string spoken, string expected) =>
        Assert.Equal(expected, NumberNormalizer.Normalize(spoken).Text);

    [Fact]
    public void Luhn_separates_card_numbers_from_other_long_digit_runs()
    {
        Assert.True(EntityRecognizer.Luhn("5555555555554444"));
        Assert.False(EntityRecognizer.Luhn("5555555555554445"));
    }

    [Fact]
    public void Phone_ssn_cvv_email_and_order_number_are_recognized_from_cues()
    {
        var t = Transcript.FromText("Agent: Can I get a phone number?\nCustomer: five five five, three zero one, nine eight seven six.\n" +
                                    "Agent: And your social security number?\nCustomer: 123-45-6789.\nAgent: The security code on the back?\nCustomer: 737.\n" +
                                    "Customer: My email is jane.doe@example.com and the order number is 48031.");
        var e = new EntityRecognizer().Recognize(t);
        Assert.Contains(e, x => x.Type == "phone" && x.Value == "5553019876");
        Assert.Contains(e, x => x.Type == "ssn" && x.Value == "123456789");
        Assert.Contains(e, x => x.Type == "cvv" && x.Value == "737");
        Assert.Contains(e, x => x.Type == "email" && x.Value == "jane.doe@example.com");
        Assert.Contains(e, x => x.Type == "order_number" && x.Value == "48031");
        Assert.DoesNotContain(e, x => x.Type == "card_number");
    }

    [Theory]
    [InlineData("This is really frustrating.", "negative")]
    [InlineData("That is not good at all.", "negative")]
    [InlineData("Excellent, that sounds great.", "positive")]
    [InlineData("I would like a credit card with more security.", "neutral")]
    public void Sentiment_handles_negation_intensifiers_and_call_centre_words(string text, string label) =>
        Assert.Equal(label, SentimentAnalyzer.Label(SentimentAnalyzer.Score(text)));

    [Fact]
    public void Outbound_call_is_recognized_with_names()
    {
        var t = Transcript.FromText("Agent: Hello, this is Nina from Skyline Mobile. Am I speaking with Walter Scott?\nCustomer: Yes, that is me.");
        var names = NameRecognizer.Recognize(t);
        Assert.Equal("Nina", names.Agent);
        Assert.Equal("Walter Scott", names.Customer);
        Assert.Equal("outbound", ConversationAnalyzer.Direction(t, 0).Direction);
    }
}
