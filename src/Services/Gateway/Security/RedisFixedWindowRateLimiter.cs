using System.Threading.RateLimiting;
using StackExchange.Redis;

namespace MagicHub.Gateway.Security;

/// <summary>
/// A fixed-window limiter whose counter lives in Redis, so every gateway replica draws on one quota.
/// One atomic Lua script per request counts the permit only when it fits and returns the window's remaining time.
/// If Redis cannot be reached the request is let through (fail open) and the error logged: an outage of the
/// quota store must not take the platform down.
/// </summary>
public sealed partial class RedisFixedWindowRateLimiter(IConnectionMultiplexer redis, string key, Quota quota, TimeProvider clock, ILogger logger) : RateLimiter
{
    private const string Script = """
        local limit = tonumber(ARGV[1])
        local count = tonumber(ARGV[2])
        local window = tonumber(ARGV[3])
        local current = tonumber(redis.call('GET', KEYS[1]) or '0')
        local allowed = 0
        if current + count <= limit then
          current = redis.call('INCRBY', KEYS[1], count)
          allowed = 1
        end
        local ttl = redis.call('PTTL', KEYS[1])
        if ttl < 0 then
          redis.call('PEXPIRE', KEYS[1], window)
          ttl = window
        end
        return { allowed, ttl }
        """;

    private long _lastUsedTicks = clock.GetTimestamp();

    /// <inheritdoc />
    public override TimeSpan? IdleDuration => clock.GetElapsedTime(Interlocked.Read(ref _lastUsedTicks));

    /// <inheritdoc />
    public override RateLimiterStatistics? GetStatistics() => null;

    /// <inheritdoc />
    protected override RateLimitLease AttemptAcquireCore(int permitCount) =>
        Lease(() => Task.FromResult(redis.GetDatabase().ScriptEvaluate(Script, [key], Arguments(permitCount)))).GetAwaiter().GetResult();

    /// <inheritdoc />
    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        new(Lease(() => redis.GetDatabase().ScriptEvaluateAsync(Script, [key], Arguments(permitCount))));

    private RedisValue[] Arguments(int permitCount) => [quota.PermitLimit, permitCount, (long)quota.Window.TotalMilliseconds];

    private async Task<RateLimitLease> Lease(Func<Task<RedisResult>> evaluate)
    {
        Interlocked.Exchange(ref _lastUsedTicks, clock.GetTimestamp());
        try
        {
            var result = (RedisResult[])(await evaluate())!;
            var allowed = (long)result[0] == 1;
            var retryAfter = TimeSpan.FromMilliseconds(Math.Max(1, (long)result[1]));
            return new Result(allowed, retryAfter);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            LogRedisUnavailable(logger, ex.Message);
            return new Result(true, TimeSpan.Zero);
        }
    }

    [LoggerMessage(LogLevel.Warning, "Rate limit store unavailable, request let through: {Reason}")]
    private static partial void LogRedisUnavailable(ILogger logger, string reason);

    private sealed class Result(bool acquired, TimeSpan retryAfter) : RateLimitLease
    {
        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => acquired ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = !acquired && metadataName == MetadataName.RetryAfter.Name ? retryAfter : null;
            return metadata is not null;
        }
    }
}
