using MagicHub.Calls.Data;
using MagicHub.Gateway;
using MagicHub.Testing;
using Xunit;

namespace MagicHub.Gateway.Tests;

/// <summary>
/// A real calls service on Kestrel (loopback) behind the gateway, with transcription configured at a port where
/// nothing listens, as when that service is down.
/// </summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    public KestrelServiceFactory<CallsDb> Calls { get; } = new();

    public KestrelServiceFactory<GatewayOptions>? Gateway { get; private set; }

    public int DeadPort { get; } = FreePort.Next();

    public ValueTask InitializeAsync()
    {
        Calls.Start();
        Gateway = new KestrelServiceFactory<GatewayOptions>(new Dictionary<string, string?>
        {
            ["Gateway:Services"] = "calls,transcription",
            ["Services:calls:http:0"] = Calls.BaseAddress.ToString(),
            ["Services:transcription:http:0"] = $"http://127.0.0.1:{DeadPort}",
        }).Start();
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
