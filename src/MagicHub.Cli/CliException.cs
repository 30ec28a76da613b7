namespace MagicHub.Cli;

/// <summary>A failure to report to the user as one clear message (never a stack trace).</summary>
public sealed class CliException(string message, int? statusCode = null) : Exception(message)
{
    /// <summary>The HTTP status that caused it, if any.</summary>
    public int? StatusCode { get; } = statusCode;
}
