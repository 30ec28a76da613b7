using System.Security.Claims;
using System.Text.Encodings.Web;
using MagicHub.Media.Contracts;
using MagicHub.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;

namespace MagicHub.Media.Tenancy;

/// <summary>
/// Interim service-to-service access (<c>Media:AllowTenantHeader</c>): a request without a bearer token that names its
/// tenant in <c>X-Tenant-Id</c> is authenticated as an internal service of that tenant (writer role). Requests with a
/// token always use the token. Turn it off once services call each other with their own tokens.
/// </summary>
public sealed class TenantHeaderAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The scheme name.</summary>
    public const string SchemeName = "MediaTenantHeader";

    /// <summary>The scheme that picks the bearer token when one is sent and the tenant header otherwise.</summary>
    public const string SelectorScheme = "MediaCaller";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var tenant = Request.Headers[MediaClient.TenantHeader].ToString().Trim();
        if (tenant.Length is 0 or > 64)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }
        var identity = new ClaimsIdentity(
            [new(PlatformClaims.TenantId, tenant), new(PlatformClaims.Subject, "service"), new(PlatformClaims.Role, PlatformRoles.Member), new(PlatformClaims.Kind, "service")],
            SchemeName, PlatformClaims.Subject, PlatformClaims.Role);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    /// <summary>
    /// Registers the scheme and makes the selector the default, when enabled. Authentication itself is registered by
    /// <c>AddPlatformSecurity</c> (without Data Protection, which <c>AddAuthentication()</c> would bring back).
    /// </summary>
    public static void Register(WebApplicationBuilder builder)
    {
        new AuthenticationBuilder(builder.Services)
            .AddScheme<AuthenticationSchemeOptions, TenantHeaderAuthenticationHandler>(SchemeName, null)
            .AddPolicyScheme(SelectorScheme, null, policy => policy.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.Count > 0 || !context.Request.Headers.ContainsKey(MediaClient.TenantHeader)
                    ? JwtBearerDefaults.AuthenticationScheme
                    : SchemeName);
        builder.Services.PostConfigure<AuthenticationOptions>(o =>
        {
            o.DefaultScheme = SelectorScheme;
            o.DefaultAuthenticateScheme = SelectorScheme;
            o.DefaultChallengeScheme = JwtBearerDefaults.AuthenticationScheme;
        });
    }
}
