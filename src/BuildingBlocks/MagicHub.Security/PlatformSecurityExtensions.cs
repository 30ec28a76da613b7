using MagicHub.Security;
using MagicHub.Security.Authentication;
using MagicHub.Security.Revocation;
using MagicHub.Security.Tenancy;
using MagicHub.ServiceDefaults;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

// Same namespace as the host builder, like AddServiceDefaults, so a service's registration needs no using.
namespace Microsoft.Extensions.Hosting;

/// <summary>The one call a service makes to validate MagicHub access tokens and know its caller's tenant.</summary>
public static class PlatformSecurityExtensions
{
    /// <summary>
    /// Validates bearer tokens offline against the identity service's JWKS (ES256, issuer, audience, lifetime,
    /// recently revoked sessions), requires an authenticated caller on every endpoint except health, liveness,
    /// metrics, docs and <see cref="SecurityOptions.PublicPaths"/>, registers the <see cref="PlatformPolicies"/>
    /// and a scoped <see cref="ITenantContext"/> (the caller's tenant, for <see cref="TenantSql"/>), and forwards the caller's bearer
    /// token (or, in background work for a tenant, a service token) on the service's outgoing HttpClient calls.
    /// </summary>
    /// <param name="builder">The service's builder.</param>
    /// <param name="configure">Changes to the options read from the <c>Security</c> section.</param>
    public static WebApplicationBuilder AddPlatformSecurity(this WebApplicationBuilder builder, Action<SecurityOptions>? configure = null)
    {
        var options = builder.Configuration.GetSection(SecurityOptions.SectionName).Get<SecurityOptions>() ?? new SecurityOptions();
        configure?.Invoke(options);
        if (string.IsNullOrWhiteSpace(options.Issuer) || string.IsNullOrWhiteSpace(options.Audience))
        {
            throw new InvalidOperationException("Security:Issuer and Security:Audience must not be empty.");
        }
        if (string.IsNullOrEmpty(options.ServiceSecret))
        {
            options.ServiceSecret = ServiceSecretFile.ReadOrCreate(builder.Configuration["Data:Directory"] ?? "data");
        }
        var authority = Authority(builder.Configuration, options);
        builder.Services.TryAddSingleton(options);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddHttpContextAccessor();
        builder.Services.TryAddScoped<ITenantContext, TenantContext>();

        builder.Services.AddPlatformAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(jwt => PlatformJwtBearer.Configure(jwt, options, authority));

        var requirement = new PublicPathOrAuthenticatedRequirement(SecurityOptions.AlwaysPublic.Concat(options.PublicPaths));
        builder.Services.AddSingleton(requirement);
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().AddRequirements(requirement).Build())
            .AddPolicy(PlatformPolicies.Read, p => p.RequireAuthenticatedUser())
            .AddPolicy(PlatformPolicies.Write, p => p.RequireRole(PlatformRoles.Writers))
            .AddPolicy(PlatformPolicies.Manage, p => p.RequireRole(PlatformRoles.Managers))
            .AddPolicy(PlatformPolicies.Operate, p => p.RequireClaim(PlatformClaims.Kind, "service"));

        builder.Services.AddHttpClient(ServiceTokenClient.ClientName);
        builder.Services.TryAddSingleton(sp => ActivatorUtilities.CreateInstance<ServiceTokenClient>(sp, authority));
        builder.Services.AddTransient<ForwardBearerTokenHandler>();
        builder.Services.ConfigureHttpClientDefaults(http => http.AddHttpMessageHandler<ForwardBearerTokenHandler>());

        builder.Services.TryAddSingleton<RevocationList>();
        if (options.RevocationPollInterval > TimeSpan.Zero)
        {
            builder.Services.AddHttpClient(RevocationPoller.ClientName);
            builder.Services.TryAddSingleton(sp => ActivatorUtilities.CreateInstance<RevocationPoller>(sp, authority));
            builder.Services.AddHostedService(sp => sp.GetRequiredService<RevocationPoller>());
        }
        return builder;
    }

    /// <summary>
    /// Keeps the platform's tokens off <paramref name="http"/>: for clients of third parties (cloud model APIs,
    /// customers' callback URLs) that must never see a caller's bearer token or a service token.
    /// </summary>
    /// <param name="http">The client's builder.</param>
    public static IHttpClientBuilder WithoutPlatformToken(this IHttpClientBuilder http) =>
        http.ConfigureAdditionalHttpMessageHandlers((handlers, _) =>
        {
            for (var i = handlers.Count - 1; i >= 0; i--)
            {
                if (handlers[i] is ForwardBearerTokenHandler)
                {
                    handlers.RemoveAt(i);
                }
            }
        });

    /// <summary>The identity service's base address: <c>Security:Authority</c> or the catalog address of <c>identity</c>.</summary>
    public static Uri Authority(IConfiguration configuration, SecurityOptions options)
    {
        var address = string.IsNullOrWhiteSpace(options.Authority)
            ? ServiceCatalog.ResolveAddress(configuration, "identity")
            : new Uri(options.Authority);
        return address.AbsoluteUri.EndsWith('/') ? address : new Uri(address.AbsoluteUri + "/");
    }
}
