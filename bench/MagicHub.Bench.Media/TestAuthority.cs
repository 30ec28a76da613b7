using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using MagicHub.Security.Testing;
using Microsoft.IdentityModel.Tokens;

namespace MagicHub.Bench.Media;

/// <summary>
/// Stands in for the identity service during the benchmark: serves OpenID metadata and the JWKS of a throwaway
/// ES256 key on loopback, and issues tokens signed with it, so the media service validates them as in production.
/// </summary>
public sealed class TestAuthority : IAsyncDisposable
{
    private static readonly string[] Algorithms = ["ES256"];
    private readonly HttpListener _listener = new();
    private readonly TestTokens _tokens = new();
    private readonly Task _serving;

    public TestAuthority()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Address = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(Address.ToString());
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public Uri Address { get; }

    /// <summary>A token of a writer in <paramref name="tenant"/>.</summary>
    public string Issue(string tenant) => _tokens.Issue(tenant, "bench-user", lifetime: TimeSpan.FromHours(1));

    private async Task ServeAsync()
    {
        var jwk = JsonWebKeyConverter.ConvertFromECDsaSecurityKey(_tokens.SigningKey);
        var jwks = JsonSerializer.Serialize(new
        {
            keys = new[] { new { kty = jwk.Kty, crv = jwk.Crv, x = jwk.X, y = jwk.Y, kid = jwk.Kid, use = "sig", alg = "ES256" } },
        });
        var metadata = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["issuer"] = _tokens.Options.Issuer,
            ["jwks_uri"] = new Uri(Address, "jwks").ToString(),
            ["id_token_signing_alg_values_supported"] = Algorithms,
        });
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            var body = Encoding.UTF8.GetBytes(context.Request.Url!.AbsolutePath.EndsWith("jwks", StringComparison.Ordinal) ? jwks : metadata);
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        await _serving;
        _listener.Close();
        _tokens.Dispose();
    }
}
