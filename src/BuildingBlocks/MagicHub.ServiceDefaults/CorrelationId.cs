using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace MagicHub.ServiceDefaults;

/// <summary>
/// Carries one <c>X-Correlation-Id</c> through every hop of a request: taken from the caller (or the trace id),
/// echoed on the response, put in the logging scope and forwarded by every outgoing HttpClient call.
/// </summary>
public static class CorrelationId
{
    /// <summary>The header name.</summary>
    public const string HeaderName = "X-Correlation-Id";

    private static readonly AsyncLocal<string?> Current = new();

    /// <summary>The correlation id of the request being handled, if any.</summary>
    public static string? Value => Current.Value;

    /// <summary>Adds the correlation middleware.</summary>
    public static IApplicationBuilder UseCorrelationId(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var id = context.Request.Headers[HeaderName].FirstOrDefault();
        if (string.IsNullOrWhiteSpace(id) || id.Length > 128)
        {
            id = Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;
        }
        Current.Value = id;
        context.Response.Headers[HeaderName] = id;
        var logger = context.RequestServices.GetService(typeof(ILogger<CorrelationIdHandler>)) as ILogger;
        using (logger?.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = id }))
        {
            await next(context);
        }
    });
}

/// <summary>Forwards the current correlation id on outgoing HTTP calls.</summary>
public sealed class CorrelationIdHandler : DelegatingHandler
{
    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (CorrelationId.Value is { } id && !request.Headers.Contains(CorrelationId.HeaderName))
        {
            request.Headers.TryAddWithoutValidation(CorrelationId.HeaderName, id);
        }
        return base.SendAsync(request, cancellationToken);
    }
}
