namespace MagicHub.Security.Authentication;

/// <summary>
/// A path pattern such as <c>/identity/auth/login</c> or <c>/*/openapi</c>: matches a path equal to it or below it,
/// segment by segment, case-insensitively; <c>*</c> matches any one segment.
/// </summary>
public sealed class PathPattern
{
    private readonly string[] _segments;

    /// <summary>Parses <paramref name="pattern"/>.</summary>
    public PathPattern(string pattern)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        Pattern = pattern;
        _segments = pattern.Split('/', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>The pattern text.</summary>
    public string Pattern { get; }

    /// <summary>Whether <paramref name="path"/> is the pattern's path or below it.</summary>
    /// <remarks>Runs on every request (the gateway's internal-route and public-path checks), so it walks the path's
    /// segments in place instead of splitting it into strings.</remarks>
    public bool Matches(string? path)
    {
        var rest = (path ?? "").AsSpan();
        foreach (var expected in _segments)
        {
            rest = rest.TrimStart('/');
            if (rest.IsEmpty)
            {
                return false;
            }
            var end = rest.IndexOf('/');
            var segment = end < 0 ? rest : rest[..end];
            if (expected != "*" && !segment.Equals(expected, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
            rest = end < 0 ? [] : rest[end..];
        }
        // "/" alone only matches the root, not every path.
        return _segments.Length > 0 || rest.TrimStart('/').IsEmpty;
    }

    /// <inheritdoc />
    public override string ToString() => Pattern;
}
