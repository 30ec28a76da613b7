using MagicHub.Security.Authentication;
using Xunit;

namespace MagicHub.Security.Tests;

public sealed class PathPatternTests
{
    [Theory]
    [InlineData("/health", "/health", true)]
    [InlineData("/health", "/health/ready", true)]
    [InlineData("/health", "/healthz", false)]
    [InlineData("/*/openapi", "/calls/openapi/v1.json", true)]
    [InlineData("/*/openapi", "/calls/call/1", false)]
    [InlineData("/identity/auth/login", "/IDENTITY/Auth/Login", true)]
    [InlineData("/identity/auth/login", "/identity/auth", false)]
    [InlineData("/", "/", true)]
    [InlineData("/", "/calls/stats", false)]
    [InlineData("/", "", true)]
    [InlineData("/*/internal", "//calls//internal/x", true)]
    [InlineData("/*/internal", "/calls/internals", false)]
    [InlineData("/*/internal", "/internal", false)]
    [InlineData("/health", null, false)]
    public void Pattern_matches_its_path_and_below(string pattern, string? path, bool matches) =>
        Assert.Equal(matches, new PathPattern(pattern).Matches(path));
}
