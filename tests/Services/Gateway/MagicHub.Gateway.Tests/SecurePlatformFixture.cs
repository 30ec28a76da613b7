using MagicHub.Calls.Data;
using MagicHub.Identity.Data;
using MagicHub.Testing;
using Xunit;

namespace MagicHub.Gateway.Tests;

/// <summary>
/// The real chain: identity, calls and the gateway, each on Kestrel (loopback). Calls and the gateway validate
/// tokens against the identity service's JWKS and poll its revocation list; API keys are not cached, so a revoked
/// key is refused at once.
/// </summary>
public sealed class SecurePlatformFixture : IAsyncLifetime
{
    public const string ServiceSecret = "gateway-tests-service-secret";

    public KestrelServiceFactory<IdentityDb> Identity { get; } = new(new Dictionary<string, string?> { ["Security:ServiceSecret"] = ServiceSecret });

    public KestrelServiceFactory<CallsDb>? Calls { get; private set; }

    public KestrelServiceFactory<GatewayOptions>? Gateway { get; private set; }

    public ValueTask InitializeAsync()
    {
        Identity.Start();
        var security = new Dictionary<string, string?>
        {
            ["Services:identity:http:0"] = Identity.BaseAddress.ToString(),
            ["Security:RevocationPollInterval"] = "00:00:00.200",
            ["Security:JwksMinimumRefreshInterval"] = "00:00:01",
            ["Security:ServiceSecret"] = ServiceSecret,
        };
        // The pipeline's other services are not running: point them at a closed port, never at a developer's 800x.
        var dead = $"http://127.0.0.1:{FreePort.Next()}";
        Calls = new KestrelServiceFactory<CallsDb>(new Dictionary<string, string?>(security)
        {
            ["Services:media:http:0"] = dead,
            ["Services:transcription:http:0"] = dead,
            ["Services:prompts:http:0"] = dead,
            ["Services:extraction:http:0"] = dead,
        }).Start();
        Gateway = new KestrelServiceFactory<GatewayOptions>(new Dictionary<string, string?>(security)
        {
            ["Gateway:Services"] = "identity,calls",
            ["Services:calls:http:0"] = Calls.BaseAddress.ToString(),
            ["GatewaySecurity:ApiKeyCacheDuration"] = "00:00:00",
            ["GatewaySecurity:RateLimits:User:PermitLimit"] = "10000",
            ["GatewaySecurity:RateLimits:ApiKey:PermitLimit"] = "10000",
            ["GatewaySecurity:RateLimits:Anonymous:PermitLimit"] = "10000",
        }).Start();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (Gateway is not null)
        {
            await Gateway.DisposeAsync();
        }
        if (Calls is not null)
        {
            await Calls.DisposeAsync();
        }
        await Identity.DisposeAsync();
    }
}
