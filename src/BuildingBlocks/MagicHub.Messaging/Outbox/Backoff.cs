namespace MagicHub.Messaging.Outbox;

/// <summary>Exponential backoff.</summary>
public static class Backoff
{
    /// <summary><paramref name="baseDelay"/> × 2^(attempt-1), capped at <paramref name="max"/>.</summary>
    public static TimeSpan Exponential(TimeSpan baseDelay, int attempt, TimeSpan max)
    {
        var factor = Math.Pow(2, Math.Clamp(attempt - 1, 0, 30));
        var ticks = Math.Min(baseDelay.Ticks * factor, max.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }
}
