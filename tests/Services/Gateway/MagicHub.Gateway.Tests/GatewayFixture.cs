using MagicHub.Calls.Data;
using MagicHub.Gateway;
using MagicHub.Security.Testing;
using MagicHub.Testing;
using Xunit;

namespace MagicHub.Gateway.Tests;

/// <summary>
/// A real calls service on Kestrel (loopback) behind the gateway, with transcription configured at a port where
/// nothing listens, as when that service is down. Both trust a test signing key, and the gateway's clients carry
/// a token of it (the security tests use the real identity service instead).
/// </summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    private static readonly TestTokens Tokens = new();

    public SecuredServiceFactory<CallsDb> Calls { get; } = new(tokens: Tokens);

    public SecuredServiceFactory<GatewayOptions>? Gateway { get; private set; }

    public int DeadPort { get; } = FreePort.Next();

    public ValueTask InitializeAsync()
    {
        Calls.Start();
        Gateway = new SecuredServiceFactory<GatewayOptions>(new Dictionary<string, string?>
        {
            ["Gateway:Services"] = "calls,transcription",
            ["Services:calls:http:0"] = Calls.BaseAddress.ToString(),
            ["Services:transcription:http:0"] = $"http://127.0.0.1:{DeadPort}",
        }, Tokens, Tokens.Issue("gateway-tests-tenant"));
        Gateway.Start();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (Gateway is not null)
        {
            await Gateway.DisposeAsync();
        }
        await Calls.DisposeAsync();
    }
}
