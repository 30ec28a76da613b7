using System.Net.Http.Headers;
using MagicHub.Security.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;

namespace MagicHub.Testing;

/// <summary>The service under test trusts a test token issuer (it validates tokens as in production, against this key).</summary>
public static class TestAuth
{
    /// <summary>The tenant of <see cref="CreateAuthorizedClient{T}"/> clients unless another is given.</summary>
    public const string Tenant = "tenant-tests";

    /// <summary>The test issuer, one per test run.</summary>
    public static TestTokens Tokens { get; } = new();

    /// <summary>Trusts <see cref="Tokens"/> instead of the identity service's JWKS; no revocation poll, no secret file.</summary>
    public static IWebHostBuilder TrustTestTokens(this IWebHostBuilder builder)
    {
        builder.UseSetting("Security:RevocationPollInterval", "00:00:00");
        builder.UseSetting("Security:ServiceSecret", "tests-service-secret");
        return builder.ConfigureTestServices(Tokens.Trust);
    }

    /// <summary>A client carrying a writer's token of <paramref name="tenant"/>.</summary>
    public static HttpClient CreateAuthorizedClient<T>(this WebApplicationFactory<T> factory, string tenant = Tenant) where T : class
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.Issue(tenant, lifetime: TimeSpan.FromHours(1)));
        return client;
    }
}
