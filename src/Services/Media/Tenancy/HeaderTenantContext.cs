using System.Text.RegularExpressions;

namespace MagicHub.Media.Tenancy;

/// <summary>
/// Takes the tenant from the <c>X-Tenant-Id</c> header until the identity service issues tokens with a tenant claim.
/// Outside a request (background work) the tenant is <c>default</c>.
/// </summary>
public sealed partial class HeaderTenantContext(IHttpContextAccessor accessor) : ITenantContext
{
    /// <summary>The header that names the tenant.</summary>
    public const string HeaderName = "X-Tenant-Id";

    /// <summary>The tenant of requests that name none.</summary>
    public const string DefaultTenant = "default";

    /// <inheritdoc />
    public string TenantId
    {
        get
        {
            var value = accessor.HttpContext?.Request.Headers[HeaderName].ToString();
            return string.IsNullOrWhiteSpace(value) ? DefaultTenant : value.Trim();
        }
    }

    /// <summary>Tenant ids become part of object keys, so only a safe alphabet is accepted.</summary>
    public static bool IsValid(string tenantId) => TenantPattern().IsMatch(tenantId);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")]
    private static partial Regex TenantPattern();
}
