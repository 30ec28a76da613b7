using Microsoft.AspNetCore.Http.HttpResults;
using MagicHub.ServiceDefaults;

namespace MagicHub.Identity.Auth;

/// <summary>The identity service's problem details, with stable types.</summary>
public static class Problems
{
    /// <summary>401 with a reason.</summary>
    public static ProblemHttpResult Unauthorized(string detail, string slug = "unauthorized") =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", type: ProblemDetailsExtensions.TypeBase + slug);

    /// <summary>409 with a reason.</summary>
    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict", type: ProblemDetailsExtensions.TypeBase + "conflict");

    /// <summary>403 with a reason.</summary>
    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", type: ProblemDetailsExtensions.TypeBase + "forbidden");

    /// <summary>404 with a reason.</summary>
    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not Found", type: ProblemDetailsExtensions.TypeBase + "not-found");

    /// <summary>400 with a reason.</summary>
    public static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "The request is invalid.", type: ProblemDetailsExtensions.TypeBase + "bad-request");
}
