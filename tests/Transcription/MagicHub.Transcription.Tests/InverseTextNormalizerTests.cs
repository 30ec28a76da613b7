using MagicHub.Transcription.Formatting;

namespace MagicHub.Transcription.Tests;

public sealed class InverseTextNormalizerTests
{
    [Theory]
    [InlineData("my card number is four one one one one one one one one one one one one one one one", "My card number is 4111111111111111.")]
    [InlineData("five five five three zero one nine eight seven six", "5553019876.")]
    [InlineData("the order number is seven two four oh nine", "The order number is 72409.")]
    [InlineData("four one for one", "4141.")]
    public void Spoken_digit_sequences_become_digits(string raw, string expected) => Assert.Equal(expected, InverseTextNormalizer.Format(raw));

    [Theory]
    [InlineData("the loan is twenty five thousand dollars", "The loan is $25,000.")]
    [InlineData("it costs three hundred and forty two dollars and fifty cents", "It costs $342.50.")]
    [InlineData("a hundred dollars", "$100.")]
    [InlineData("the rate is six percent", "The rate is 6%.")]
    [InlineData("we have twenty three branches", "We have 23 branches.")]
    [InlineData("it will arrive in three business days", "It will arrive in 3 business days.")]
    [InlineData("it was in nineteen ninety nine", "It was in 1999.")]
    [InlineData("two thousand twenty four", "2024.")]
    public void Amounts_and_numbers_become_digits(string raw, string expected) => Assert.Equal(expected, InverseTextNormalizer.Format(raw));

    [Theory]
    [InlineData("doctor evans has an opening on tuesday at nine am", "Doctor evans has an opening on Tuesday at 9 am.")]
    [InlineData("see you at nine thirty p m", "See you at 9:30 pm.")]
    [InlineData("come at ten o'clock", "Come at 10:00.")]
    [InlineData("the appointment is on march fifth", "The appointment is on March 5.")]
    [InlineData("on the twenty first of june", "On the 21st of June.")]
    public void Times_and_dates_are_formatted(string raw, string expected) => Assert.Equal(expected, InverseTextNormalizer.Format(raw));

    [Theory]
    [InlineData("my email is jane dot doe at example dot com", "My email is jane.doe@example.com.")]
    [InlineData("write to support at magic hub dot io", "Write to support at magic hub dot io.")]
    [InlineData("send it to bob at mail dot example dot org please", "Send it to bob@mail.example.org please.")]
    public void Spoken_emails_are_assembled(string raw, string expected) => Assert.Equal(expected, InverseTextNormalizer.Format(raw));

    [Theory]
    [InlineData("one moment please i will check", "One moment please I will check.")]
    [InlineData("oh i see", "Oh I see.")]
    [InlineData("i want to go to the bank", "I want to go to the bank.")]
    [InlineData("thanks dr smith. bye", "Thanks Dr. smith. Bye.")]
    [InlineData("Hello, my number is five five five, one two three.", "Hello, my number is 555123.")]
    public void Ordinary_words_and_punctuation_are_kept(string raw, string expected) => Assert.Equal(expected, InverseTextNormalizer.Format(raw));
}
