using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MagicHub.ServiceDefaults;

/// <summary>RFC 9457 problem details for every error: unknown routes, bad bodies, validation, unhandled exceptions.</summary>
public static class ProblemDetailsExtensions
{
    /// <summary>Base of the stable <c>type</c> URIs of MagicHub problems.</summary>
    public const string TypeBase = "https://magichub.dev/problems/";

    /// <summary>Registers problem details with trace ids and the exception handler that maps bad requests to 4xx.</summary>
    public static IHostApplicationBuilder AddProblemDetailsForEveryError(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            problem.Instance ??= context.HttpContext.Request.Path;
            problem.Extensions["traceId"] = Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier;
            if (problem.Type is null or "" || problem.Type.StartsWith("https://tools.ietf.org/", StringComparison.Ordinal))
            {
                problem.Type = TypeBase + StatusSlug(problem.Status ?? context.HttpContext.Response.StatusCode);
            }
        });
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        return builder;
    }

    /// <summary>A stable slug for an HTTP status, used in problem <c>type</c> URIs.</summary>
    public static string StatusSlug(int status) => status switch
    {
        400 => "bad-request",
        401 => "unauthorized",
        403 => "forbidden",
        404 => "not-found",
        405 => "method-not-allowed",
        409 => "conflict",
        413 => "payload-too-large",
        415 => "unsupported-media-type",
        422 => "unprocessable",
        429 => "too-many-requests",
        502 => "bad-gateway",
        503 => "service-unavailable",
        504 => "gateway-timeout",
        _ => status >= 500 ? "server-error" : "client-error",
    };
}

/// <summary>
/// Turns request-shape failures (malformed JSON, wrong content type, bad parameters, body too large)
/// into 4xx problem details; anything else becomes a 500 without internals outside Development.
/// </summary>
internal sealed class BadRequestExceptionHandler(
    IProblemDetailsService problemDetails, IHostEnvironment environment, ILogger<BadRequestExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail) = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, "The request is invalid.", bad.InnerException is JsonException json ? $"{bad.Message} {json.Message}" : bad.Message),
            JsonException json => (StatusCodes.Status400BadRequest, "The request body is not valid JSON.", json.Message),
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => (499, "The client closed the request.", null),
            _ => (StatusCodes.Status500InternalServerError, "An unexpected error occurred.",
                environment.IsDevelopment() ? exception.ToString() : null),
        };
        if (status >= 500)
        {
            logger.LogError(exception, "Unhandled exception for {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
        }
        httpContext.Response.StatusCode = status;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }
}
