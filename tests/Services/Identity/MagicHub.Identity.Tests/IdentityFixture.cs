using MagicHub.Identity.Data;
using MagicHub.Testing;
using Xunit;

namespace MagicHub.Identity.Tests;

/// <summary>One identity service on Kestrel (loopback) with its own SQLite database, shared by a test class.</summary>
public sealed class IdentityFixture : IAsyncLifetime
{
    public const string ServiceSecret = "identity-tests-service-secret";

    public KestrelServiceFactory<IdentityDb> Service { get; } = new(new Dictionary<string, string?>
    {
        ["Identity:MaxFailedAccessAttempts"] = "3",
        ["Security:ServiceSecret"] = ServiceSecret,
    });

    public IdentityClient Client { get; private set; } = null!;

    public ValueTask InitializeAsync()
    {
        Service.Start();
        Client = new IdentityClient(Service.CreateLoopbackClient());
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Http.Dispose();
        await Service.DisposeAsync();
    }
}
