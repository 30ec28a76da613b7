using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MagicHub.ServiceDefaults;

/// <summary>Structured JSON console logs that carry trace, span and correlation ids.</summary>
public static class LoggingExtensions
{
    /// <summary>Replaces the console logger with one JSON object per line, with scopes (trace and correlation ids) included.</summary>
    public static IHostApplicationBuilder AddStructuredLogging(this IHostApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        builder.Logging.Configure(options => options.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        builder.Logging.AddJsonConsole(options =>
        {
            options.IncludeScopes = true;
            options.UseUtcTimestamp = true;
            options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
        });
        return builder;
    }
}
