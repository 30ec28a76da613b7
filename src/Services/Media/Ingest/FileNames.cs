using System.Text;

namespace MagicHub.Media.Ingest;

/// <summary>Client file names are kept for display only: reduced to a safe last segment, never used as a path.</summary>
public static class FileNames
{
    /// <summary>The last path segment of <paramref name="name"/> without control or reserved characters; null when nothing is left.</summary>
    public static string? Sanitize(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return null;
        var last = name.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "";
        var builder = new StringBuilder(last.Length);
        foreach (var c in last)
        {
            if (!char.IsControl(c) && c is not ('<' or '>' or ':' or '"' or '|' or '?' or '*'))
            {
                builder.Append(c);
            }
        }
        var clean = builder.ToString().Trim().Trim('.').Trim();
        if (clean.Length > 255) clean = clean[^255..];
        return clean.Length == 0 ? null : clean;
    }
}
