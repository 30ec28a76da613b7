using MagicHub.Identity.Data;
using MagicHub.Testing;
using Xunit;

namespace MagicHub.Identity.Tests;

/// <summary>One identity service on Kestrel (loopback) with its own SQLite database, shared by a test class.</summary>
public class IdentityFixture : IAsyncLifetime
{
    public const string ServiceSecret = "identity-tests-service-secret";

    public KestrelServiceFactory<IdentityDb> Service { get; private set; } = null!;

    public IdentityClient Client { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Identity:MaxFailedAccessAttempts"] = "3",
            ["Security:ServiceSecret"] = ServiceSecret,
        };
        foreach (var (key, value) in await EngineSettingsAsync())
        {
            settings[key] = value;
        }
        Service = new KestrelServiceFactory<IdentityDb>(settings).Start();
        Client = new IdentityClient(Service.CreateLoopbackClient());
    }

    /// <summary>The database settings: none for SQLite (the default).</summary>
    protected virtual ValueTask<IReadOnlyDictionary<string, string?>> EngineSettingsAsync() =>
        ValueTask.FromResult<IReadOnlyDictionary<string, string?>>(new Dictionary<string, string?>());

    public virtual async ValueTask DisposeAsync()
    {
        Client.Http.Dispose();
        await Service.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

/// <summary>The identity service on a real PostgreSQL server: it creates its database (<c>ConnectionStrings:identity</c>) and schema.</summary>
public sealed class PostgresIdentityFixture : IdentityFixture
{
    private readonly PostgresServer _server = new();

    protected override async ValueTask<IReadOnlyDictionary<string, string?>> EngineSettingsAsync()
    {
        await _server.InitializeAsync();
        return new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:identity"] = new Npgsql.NpgsqlConnectionStringBuilder(_server.ConnectionString) { Database = "identity_tests" }.ConnectionString,
        };
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Npgsql.NpgsqlConnection.ClearAllPools();
        await _server.DisposeAsync();
    }
}
