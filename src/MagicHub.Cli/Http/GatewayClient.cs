using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using MagicHub.Cli.Auth;

namespace MagicHub.Cli.Http;

/// <summary>
/// Sends requests to the gateway with the run's credentials. With saved tokens, an expired access token is
/// refreshed once (<c>/identity/auth/refresh</c>, serialized: refresh tokens rotate and a reused one revokes the session)
/// and the request is sent again.
/// </summary>
public sealed class GatewayClient(Uri baseUrl, GatewayAuth auth, CredentialStore store, HttpMessageHandler? handler, TimeProvider clock) : IDisposable
{
    private readonly HttpClient http = new(handler ?? new SocketsHttpHandler(), disposeHandler: handler is null)
    {
        BaseAddress = baseUrl,
        Timeout = TimeSpan.FromHours(1),
    };
    private readonly SemaphoreSlim refreshLock = new(1, 1);
    private Credentials? stored = auth.Kind == GatewayAuthKind.Stored ? store.Get(baseUrl) : null;

    /// <summary>The gateway's base URL.</summary>
    public Uri BaseUrl => baseUrl;

    /// <summary>Sends the request <paramref name="create"/> builds (called again for a retry after a refresh).</summary>
    public async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> create, CancellationToken ct,
        HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        if (stored is { ExpiresAt: { } expires, RefreshToken: not null } && expires <= clock.GetUtcNow().AddSeconds(15))
        {
            await RefreshAsync(stored.AccessToken, ct);
        }
        var used = stored?.AccessToken;
        var response = await SendOnceAsync(create, completion, ct);
        if (response.StatusCode != HttpStatusCode.Unauthorized || stored?.RefreshToken is null)
        {
            return response;
        }
        response.Dispose();
        await RefreshAsync(used, ct);
        return await SendOnceAsync(create, completion, ct);
    }

    /// <summary>GETs <paramref name="path"/> and reads its JSON, or throws the problem as a <see cref="CliException"/>.</summary>
    public async Task<T> GetJsonAsync<T>(string path, CancellationToken ct)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, path), ct);
        return await ReadJsonAsync<T>(response, ct);
    }

    /// <summary>Sends <paramref name="body"/> as JSON and reads the JSON answer.</summary>
    public async Task<T> SendJsonAsync<T>(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) }, ct);
        return await ReadJsonAsync<T>(response, ct);
    }

    /// <summary>Sends a request without a body and checks it succeeded.</summary>
    public async Task SendAsync(HttpMethod method, string path, CancellationToken ct)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(method, path), ct);
        await EnsureSuccessAsync(response, ct);
    }

    /// <summary>Throws the response's problem details as a <see cref="CliException"/> unless it succeeded.</summary>
    public static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new CliException(ProblemMessage.Format(response.StatusCode, await response.Content.ReadAsStringAsync(ct)), (int)response.StatusCode);
        }
    }

    /// <summary>Reads a successful response's JSON.</summary>
    public static async Task<T> ReadJsonAsync<T>(HttpResponseMessage response, CancellationToken ct)
    {
        await EnsureSuccessAsync(response, ct);
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(ct)
                ?? throw new CliException($"The gateway answered {response.RequestMessage?.RequestUri?.AbsolutePath} with an empty body.");
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new CliException($"The gateway's answer to {response.RequestMessage?.RequestUri?.AbsolutePath} is not the expected JSON: {ex.Message}");
        }
    }

    private async Task<HttpResponseMessage> SendOnceAsync(Func<HttpRequestMessage> create, HttpCompletionOption completion, CancellationToken ct)
    {
        var request = create();
        switch (auth.Kind)
        {
            case GatewayAuthKind.Token:
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", auth.Secret);
                break;
            case GatewayAuthKind.ApiKey:
                request.Headers.Add("X-Api-Key", auth.Secret);
                break;
            case GatewayAuthKind.Stored when stored is not null:
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", stored.AccessToken);
                break;
        }
        try
        {
            return await http.SendAsync(request, completion, ct);
        }
        catch (HttpRequestException ex)
        {
            throw new CliException($"Cannot reach the gateway at {baseUrl}: {ex.Message}");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new CliException($"The gateway at {baseUrl} did not answer {request.RequestUri} in time.");
        }
    }

    /// <summary>Exchanges the refresh token unless another request already did since <paramref name="used"/> was sent.</summary>
    private async Task RefreshAsync(string? used, CancellationToken ct)
    {
        await refreshLock.WaitAsync(ct);
        try
        {
            if (stored is null || stored.AccessToken != used || stored.RefreshToken is null)
            {
                return;
            }
            using var response = await SendRawAsync(new HttpRequestMessage(HttpMethod.Post, "identity/auth/refresh")
            {
                Content = JsonContent.Create(new { refresh_token = stored.RefreshToken }),
            }, ct);
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.BadRequest)
            {
                store.Remove(baseUrl);
                stored = null;
                throw new CliException($"Your session at {baseUrl} has ended ({ProblemMessage.Format(response.StatusCode, await response.Content.ReadAsStringAsync(ct))}). Sign in again with 'magichub login'.", 401);
            }
            var tokens = await ReadJsonAsync<TokenResponse>(response, ct);
            stored = Credentials.From(tokens, stored.Email, clock.GetUtcNow());
            store.Save(baseUrl, stored);
        }
        finally
        {
            refreshLock.Release();
        }
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpRequestMessage request, CancellationToken ct)
    {
        try
        {
            return await http.SendAsync(request, ct);
        }
        catch (HttpRequestException ex)
        {
            throw new CliException($"Cannot reach the gateway at {baseUrl}: {ex.Message}");
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        http.Dispose();
        refreshLock.Dispose();
    }
}
