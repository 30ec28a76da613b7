using MagicHub.Prompts.Contracts;
using MagicHub.Transcription.Domains;

namespace MagicHub.Transcription.Tests;

public sealed class DomainClassifierTests
{
    private static readonly DomainClassifier Classifier = new(DomainCatalog.Default);

    [Theory]
    [InlineData("hi I lost my debit card yesterday please block it and send a replacement card", "banking", "card_replacement")]
    [InlineData("I would like to know the interest rate on a mortgage loan and the repayment term", "banking", "loan_inquiry")]
    [InlineData("I need to reschedule my appointment with the doctor to next week at the clinic", "healthcare", "appointment_scheduling")]
    public void Transcripts_go_to_the_matching_category(string transcript, string domain, string category)
    {
        var guess = Classifier.Classify(transcript, 0.15);
        Assert.Equal((domain, category), (guess.Domain, guess.Category));
        Assert.InRange(guess.Confidence, 0.15, 1);
    }

    [Theory]
    [InlineData("the weather is lovely and my cat likes the sunshine")]
    [InlineData("")]
    public void Unrelated_talk_is_unknown(string transcript) => Assert.Equal("unknown", Classifier.Classify(transcript, 0.15).Domain);

    [Fact]
    public void A_served_catalog_replaces_the_default()
    {
        var catalog = new DomainCatalog([new DomainInfo("telecom", "Phone and internet plans.",
            [new CategoryInfo("plan_upgrade", "Upgrading a mobile plan to more data.", ["upgrade", "plan", "data", "unlimited"])])]);

        var guess = new DomainClassifier(catalog).Classify("I want to upgrade my plan to unlimited data", 0.15);

        Assert.Equal(("telecom", "plan_upgrade"), (guess.Domain, guess.Category));
    }
}
