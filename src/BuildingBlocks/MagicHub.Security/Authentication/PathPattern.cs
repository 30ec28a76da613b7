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
    public bool Matches(string? path)
    {
        var segments = (path ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length < _segments.Length)
        {
            return false;
        }
        for (var i = 0; i < _segments.Length; i++)
        {
            if (_segments[i] != "*" && !string.Equals(_segments[i], segments[i], StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }
        // "/" alone only matches the root, not every path.
        return _segments.Length > 0 || segments.Length == 0;
    }

    /// <inheritdoc />
    public override string ToString() => Pattern;
}
