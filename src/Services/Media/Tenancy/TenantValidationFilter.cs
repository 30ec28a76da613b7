namespace MagicHub.Media.Tenancy;

/// <summary>Rejects a malformed tenant header with 400 before any handler runs.</summary>
public sealed class TenantValidationFilter : IEndpointFilter
{
    /// <inheritdoc />
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var tenant = context.HttpContext.RequestServices.GetRequiredService<ITenantContext>().TenantId;
        if (!HeaderTenantContext.IsValid(tenant) || tenant.Contains("..", StringComparison.Ordinal))
        {
            return TypedResults.Problem(
                $"Header {HeaderTenantContext.HeaderName} must be 1-64 letters, digits, '.', '_' or '-'.",
                statusCode: StatusCodes.Status400BadRequest, title: "Invalid tenant");
        }
        return await next(context);
    }
}
