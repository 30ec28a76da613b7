using Microsoft.AspNetCore.Http.Features;

namespace MagicHub.Gateway.Security;

/// <summary>Per-route request body limits: the longest configured path prefix wins, else the default.</summary>
public static class RequestBodyLimits
{
    /// <summary>The limit for <paramref name="path"/>.</summary>
    public static long For(PathString path, BodyLimitOptions options) => For(path, LongestFirst(options), options.Default);

    /// <summary>Refuses a declared body over the limit with 413 and caps what Kestrel reads of an undeclared one.</summary>
    public static IApplicationBuilder UseRequestBodyLimits(this IApplicationBuilder app, BodyLimitOptions options)
    {
        // Sorted once, not on every request.
        var routes = LongestFirst(options);
        return app.Use(async (context, next) =>
        {
            var limit = For(context.Request.Path, routes, options.Default);
            if (context.Request.ContentLength > limit)
            {
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails = new()
                    {
                        Status = StatusCodes.Status413PayloadTooLarge,
                        Title = "The request body is too large.",
                        Detail = $"This route accepts at most {limit} bytes.",
                    },
                });
                return;
            }
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            {
                feature.MaxRequestBodySize = limit;
            }
            await next(context);
        });
    }

    private static KeyValuePair<string, long>[] LongestFirst(BodyLimitOptions options) =>
        [.. options.Routes.OrderByDescending(route => route.Key.Length)];

    private static long For(PathString path, KeyValuePair<string, long>[] longestFirst, long defaultLimit)
    {
        foreach (var (prefix, limit) in longestFirst)
        {
            if (path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return limit;
            }
        }
        return defaultLimit;
    }
}
