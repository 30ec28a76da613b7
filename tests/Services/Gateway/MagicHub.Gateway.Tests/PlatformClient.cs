using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace MagicHub.Gateway.Tests;

/// <summary>A client of the gateway: registers tenants, invites users, creates keys, sends with a token or key.</summary>
public sealed class PlatformClient(HttpClient http)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public HttpClient Http => http;

    public async Task<Caller> RegisterAsync()
    {
        var email = $"owner-{Guid.NewGuid():N}@example.com";
        using var response = await http.PostAsJsonAsync("/identity/auth/register", new { tenant_name = "T " + email, email, password = "owner-password-1" }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await Caller.ReadAsync(response);
    }

    public async Task<Caller> AddUserAsync(Caller owner, string role)
    {
        var email = $"{role}-{Guid.NewGuid():N}@example.com";
        using var invited = await SendAsync(HttpMethod.Post, "/identity/invites", owner, new { email, role });
        var token = (await invited.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("token").GetString();
        using var accepted = await http.PostAsJsonAsync("/identity/auth/accept-invite", new { token, password = "member-password-1" }, Ct);
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        return await Caller.ReadAsync(accepted);
    }

    public async Task<(string Id, string Key)> CreateApiKeyAsync(Caller owner, params string[] scopes)
    {
        using var created = await SendAsync(HttpMethod.Post, "/identity/api-keys", owner, new { name = "machine", scopes });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return (body.GetProperty("id").GetString()!, body.GetProperty("key").GetString()!);
    }

    public async Task<Guid> SaveCallAsync(Caller caller)
    {
        using var saved = await SendAsync(HttpMethod.Post, "/calls/save", caller, new { filename = "call.wav", domain = "banking" });
        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        return (await saved.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("call_id").GetGuid();
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, Caller? caller, object? body = null) =>
        SendAsync(method, path, caller?.AccessToken, null, body);

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? bearer, string? apiKey, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }
        if (apiKey is not null)
        {
            request.Headers.Add("X-Api-Key", apiKey);
        }
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
        // Headers only: a server-sent event stream is judged by its status without reading it to the end.
        return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Ct);
    }
}

/// <summary>A signed-in user as the token response describes it.</summary>
public sealed record Caller(string AccessToken, string SessionId, string TenantId, string UserId)
{
    public static async Task<Caller> ReadAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        return new(body.GetProperty("access_token").GetString()!, body.GetProperty("session_id").GetString()!,
            body.GetProperty("tenant_id").GetString()!, body.GetProperty("subject").GetString()!);
    }
}
