using MagicHub.Security.Authentication;

namespace MagicHub.Gateway.Security;

/// <summary>Services' <c>/internal/…</c> endpoints (service-to-service only) are not reachable through the gateway.</summary>
public static class InternalRoutes
{
    private static readonly PathPattern Internal = new("/*/internal");

    /// <summary>Answers <c>/{service}/internal/…</c> with 404 before anything else runs.</summary>
    public static IApplicationBuilder UseInternalRoutesHidden(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (Internal.Matches(context.Request.Path))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new() { Status = StatusCodes.Status404NotFound, Title = "Not Found", Detail = "Internal routes are not served by the gateway." },
            });
            return;
        }
        await next(context);
    });
}
