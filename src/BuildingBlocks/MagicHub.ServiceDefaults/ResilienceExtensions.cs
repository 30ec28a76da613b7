using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;

namespace MagicHub.ServiceDefaults;

/// <summary>Options of the standard resilience every service-to-service HttpClient gets (section <c>Resilience</c>).</summary>
public sealed class PlatformResilienceOptions
{
    /// <summary>Time for a whole call including retries (the seed's 30 s).</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Time for one attempt.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries after the first attempt, with exponential backoff and jitter.</summary>
    public int MaxRetryAttempts { get; set; } = 3;
}

/// <summary>Timeout, retries with exponential backoff and jitter, and a circuit breaker for outgoing calls.</summary>
public static class ResilienceExtensions
{
    /// <summary>Adds the standard resilience pipeline configured from the <c>Resilience</c> section.</summary>
    public static IHttpClientBuilder AddPlatformResilience(this IHttpClientBuilder http, IConfiguration configuration)
    {
        var options = configuration.GetSection("Resilience").Get<PlatformResilienceOptions>() ?? new PlatformResilienceOptions();
        http.AddStandardResilienceHandler(resilience =>
        {
            resilience.TotalRequestTimeout.Timeout = options.TotalTimeout;
            resilience.AttemptTimeout.Timeout = options.AttemptTimeout;
            resilience.Retry.MaxRetryAttempts = options.MaxRetryAttempts;
            resilience.Retry.UseJitter = true;
            resilience.Retry.BackoffType = Polly.DelayBackoffType.Exponential;
            // The breaker samples at least twice the attempt timeout, as the resilience library requires.
            resilience.CircuitBreaker.SamplingDuration = options.AttemptTimeout * 2 > TimeSpan.FromSeconds(30)
                ? options.AttemptTimeout * 2
                : TimeSpan.FromSeconds(30);
        });
        return http;
    }
}
