using System.Globalization;
using System.Threading.RateLimiting;
using MagicHub.Security;
using Microsoft.AspNetCore.RateLimiting;
using StackExchange.Redis;

namespace MagicHub.Gateway.Security;

/// <summary>Quotas per API key, user or IP address; in memory, or in Redis shared by every gateway replica.</summary>
public static class GatewayRateLimiting
{
    private static readonly string[] Exempt = ["/health", "/alive", "/metrics"];

    /// <summary>Registers the global partitioned limiter and the 429 answer with <c>Retry-After</c>.</summary>
    public static IServiceCollection AddGatewayRateLimiting(this IServiceCollection services, RateLimitOptions limits)
    {
        if (!string.IsNullOrWhiteSpace(limits.Redis))
        {
            var configuration = ConfigurationOptions.Parse(limits.Redis);
            // Start even while Redis is down; the limiter lets requests through until it is back.
            configuration.AbortOnConnectFail = false;
            services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(configuration));
        }
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => Partition(context, limits));
            options.OnRejected = WriteRejectionAsync;
        });
        return services;
    }

    /// <summary>Which quota a request draws on: its API key, its user, or its IP address.</summary>
    public static (string Key, Quota Quota) Classify(HttpContext context, RateLimitOptions limits)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated == true)
        {
            return user.FindFirst(PlatformClaims.Kind)?.Value == "api_key"
                ? ("key:" + user.FindFirst(PlatformClaims.SessionId)?.Value, limits.ApiKey)
                : ("user:" + user.FindFirst(PlatformClaims.Subject)?.Value, limits.User);
        }
        return ("ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"), limits.Anonymous);
    }

    private static RateLimitPartition<string> Partition(HttpContext context, RateLimitOptions limits)
    {
        if (Exempt.Any(path => context.Request.Path.StartsWithSegments(path, StringComparison.OrdinalIgnoreCase)))
        {
            return RateLimitPartition.GetNoLimiter("exempt");
        }
        var (key, quota) = Classify(context, limits);
        if (quota.PermitLimit <= 0)
        {
            return RateLimitPartition.GetNoLimiter("unlimited");
        }
        var redis = context.RequestServices.GetService<IConnectionMultiplexer>();
        if (redis is null)
        {
            return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = quota.PermitLimit,
                Window = quota.Window,
                QueueLimit = 0,
                AutoReplenishment = true,
            });
        }
        var services = context.RequestServices;
        return RateLimitPartition.Get(key, partition => new RedisFixedWindowRateLimiter(
            redis, limits.RedisKeyPrefix + partition, quota, services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<ILogger<RedisFixedWindowRateLimiter>>()));
    }

    private static async ValueTask WriteRejectionAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var limits = context.RequestServices.GetRequiredService<GatewaySecurityOptions>().RateLimits;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : Classify(context, limits).Quota.Window;
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new()
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests.",
                Detail = $"The request quota is used up; retry after {seconds} s.",
            },
        });
    }
}
