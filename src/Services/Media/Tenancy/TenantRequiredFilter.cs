using MagicHub.Security.Tenancy;

namespace MagicHub.Media.Tenancy;

/// <summary>Every media record belongs to a tenant: a caller whose token names none gets 403 before any handler runs.</summary>
public sealed class TenantRequiredFilter : IEndpointFilter
{
    /// <inheritdoc />
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (string.IsNullOrEmpty(context.HttpContext.RequestServices.GetRequiredService<ITenantContext>().TenantId))
        {
            return TypedResults.Problem("The access token names no tenant.", statusCode: StatusCodes.Status403Forbidden, title: "No tenant");
        }
        return await next(context);
    }
}
