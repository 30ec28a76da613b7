using MagicHub.Gateway.Security;
using MagicHub.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Microsoft.Extensions.Hosting;

/// <summary>Registration of the gateway's security: JWT and API key authentication, quotas, CORS and body limits.</summary>
public static class GatewaySecurityExtensions
{
    /// <summary>Name of the scheme that picks the API key handler or JWT bearer per request.</summary>
    public const string PlatformScheme = "Platform";

    /// <summary>Adds authentication (JWT or API key), explicit public routes, rate limits, CORS and identity forwarding.</summary>
    public static WebApplicationBuilder AddGatewaySecurity(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(GatewaySecurityOptions.SectionName).Get<GatewaySecurityOptions>() ?? new GatewaySecurityOptions();
        builder.Services.AddSingleton(options);
        builder.AddPlatformSecurity(security =>
        {
            foreach (var path in GatewaySecurityOptions.DefaultPublicPaths.Concat(options.PublicPaths))
            {
                security.PublicPaths.Add(path);
            }
        });
        var security = builder.Configuration.GetSection(SecurityOptions.SectionName).Get<SecurityOptions>() ?? new SecurityOptions();
        var authority = PlatformSecurityExtensions.Authority(builder.Configuration, security);
        builder.Services.AddHttpClient(ApiKeyExchange.ClientName, client => client.BaseAddress = authority);
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<ApiKeyExchange>();
        builder.Services.AddAuthentication(PlatformScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddPolicyScheme(PlatformScheme, "Bearer token or API key", scheme => scheme.ForwardDefaultSelector = context =>
                ApiKeyAuthenticationHandler.ReadKey(context.Request) is null ? JwtBearerDefaults.AuthenticationScheme : ApiKeyAuthenticationHandler.SchemeName);
        builder.Services.AddSingleton<ITransformProvider, IdentityForwarding>();
        builder.Services.AddGatewayRateLimiting(options.RateLimits);
        builder.Services.AddCors(cors => cors.AddDefaultPolicy(policy => ConfigureCors(policy, options.Cors)));
        // Body limits are set per route by UseGatewaySecurity; Kestrel's own 30 MB default would cap them all.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = null);
        return builder;
    }

    /// <summary>CORS, hiding of services' <c>/internal</c> routes, body limits, authentication, rate limiting and authorization, in that order.</summary>
    public static WebApplication UseGatewaySecurity(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<GatewaySecurityOptions>();
        app.UseCors();
        app.UseInternalRoutesHidden();
        app.UseRequestBodyLimits(options.BodyLimits);
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        return app;
    }

    private static void ConfigureCors(Microsoft.AspNetCore.Cors.Infrastructure.CorsPolicyBuilder policy, CorsSettings cors)
    {
        if (cors.AllowedOrigins.Count == 0)
        {
            return;
        }
        if (cors.AllowedOrigins.Contains("*"))
        {
            policy.AllowAnyOrigin();
        }
        else
        {
            policy.WithOrigins([.. cors.AllowedOrigins]);
            if (cors.AllowCredentials)
            {
                policy.AllowCredentials();
            }
        }
        _ = cors.AllowedMethods.Count == 0 ? policy.AllowAnyMethod() : policy.WithMethods([.. cors.AllowedMethods]);
        _ = cors.AllowedHeaders.Count == 0 ? policy.AllowAnyHeader() : policy.WithHeaders([.. cors.AllowedHeaders]);
        policy.WithExposedHeaders("Retry-After", "X-Correlation-Id").SetPreflightMaxAge(cors.PreflightMaxAge);
    }
}
