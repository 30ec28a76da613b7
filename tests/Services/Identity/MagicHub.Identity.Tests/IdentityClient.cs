using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace MagicHub.Identity.Tests;

/// <summary>Calls the identity API the way a client would.</summary>
public sealed class IdentityClient(HttpClient http)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public HttpClient Http => http;

    /// <summary>Registers a new tenant with a unique owner; returns the token response.</summary>
    public async Task<Tokens> RegisterAsync(string? email = null, string password = "correct-horse-battery")
    {
        email ??= $"owner-{Guid.NewGuid():N}@example.com";
        using var response = await http.PostAsJsonAsync("/auth/register", new { tenant_name = "Tenant " + email, email, password }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await Tokens.ReadAsync(response, email, password);
    }

    public async Task<HttpResponseMessage> LoginAsync(string email, string password) =>
        await http.PostAsJsonAsync("/auth/login", new { email, password }, Ct);

    public async Task<HttpResponseMessage> RefreshAsync(string refreshToken) =>
        await http.PostAsJsonAsync("/auth/refresh", new { refresh_token = refreshToken }, Ct);

    /// <summary>Invites a user with <paramref name="role"/> into the owner's tenant and accepts; returns the new user's tokens.</summary>
    public async Task<Tokens> AddUserAsync(Tokens owner, string role)
    {
        var email = $"{role}-{Guid.NewGuid():N}@example.com";
        using var invited = await SendAsync(HttpMethod.Post, "/invites", owner.AccessToken, new { email, role });
        Assert.Equal(HttpStatusCode.Created, invited.StatusCode);
        var token = (await invited.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("token").GetString();
        using var accepted = await http.PostAsJsonAsync("/auth/accept-invite", new { token, password = "member-password-1" }, Ct);
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        return await Tokens.ReadAsync(accepted, email, "member-password-1");
    }

    /// <summary>Creates an API key in the owner's tenant; returns its id and secret.</summary>
    public async Task<(string Id, string Key)> CreateApiKeyAsync(Tokens owner, params string[] scopes)
    {
        using var created = await SendAsync(HttpMethod.Post, "/api-keys", owner.AccessToken, new { name = "ci", scopes });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return (body.GetProperty("id").GetString()!, body.GetProperty("key").GetString()!);
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? accessToken, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (accessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
        return await http.SendAsync(request, Ct);
    }
}

/// <summary>A token response with the credentials that produced it.</summary>
public sealed record Tokens(string AccessToken, string? RefreshToken, string SessionId, string TenantId, string UserId, string Email, string Password)
{
    public static async Task<Tokens> ReadAsync(HttpResponseMessage response, string email, string password)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        return new(
            body.GetProperty("access_token").GetString()!,
            body.TryGetProperty("refresh_token", out var refresh) ? refresh.GetString() : null,
            body.GetProperty("session_id").GetString()!,
            body.GetProperty("tenant_id").GetString()!,
            body.GetProperty("subject").GetString()!,
            email, password);
    }
}
