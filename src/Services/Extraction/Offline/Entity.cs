namespace MagicHub.Extraction.Offline;

/// <summary>A value found in an utterance: its type, normalized value and where it sits in the original text.</summary>
/// <param name="Type">e.g. <c>phone</c>, <c>card_number</c>, <c>money</c>, <c>date</c>, <c>order_number</c>.</param>
/// <param name="Value">Normalized value (digits, ISO-like time, decimal amount ...). Sensitive values never leave the service unredacted.</param>
/// <param name="Segment">Index of the utterance.</param>
/// <param name="Start">Start offset in the utterance's original text.</param>
/// <param name="End">End offset (exclusive) in the utterance's original text.</param>
/// <param name="Confidence">0..1.</param>
/// <param name="Context">Lower-case words around the value (same and previous utterance), used to match schema fields.</param>
public sealed record Entity(string Type, string Value, int Segment, int Start, int End, double Confidence, string Context)
{
    /// <summary>Types reported as PCI/PII in <c>general_metrics.pii</c>.</summary>
    public static readonly IReadOnlySet<string> PiiTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "phone", "email", "card_number", "cvv", "card_expiry", "ssn", "account_number", "routing_number", "iban", "date_of_birth",
    };

    public bool IsPii => PiiTypes.Contains(Type);
}
