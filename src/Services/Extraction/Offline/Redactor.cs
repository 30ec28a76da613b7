namespace MagicHub.Extraction.Offline;

/// <summary>Masks sensitive values: only the last four characters of long identifiers survive, short secrets are fully masked.</summary>
public static class Redactor
{
    public static string Redact(string type, string value)
    {
        switch (type)
        {
            case "cvv":
                return new string('*', value.Length);
            case "email":
                var at = value.IndexOf('@', StringComparison.Ordinal);
                return at <= 0 ? "***" : value[0] + new string('*', Math.Max(1, at - 1)) + value[at..];
            case "card_expiry":
            case "date_of_birth":
                return "**/**";
            default:
                var keep = value.Length >= 8 ? 4 : value.Length >= 5 ? 2 : 0;
                var masked = new char[value.Length];
                for (var i = 0; i < value.Length; i++)
                    masked[i] = i >= value.Length - keep || !char.IsLetterOrDigit(value[i]) ? value[i] : '*';
                return new string(masked);
        }
    }
}
