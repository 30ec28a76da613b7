using MagicHub.Identity.Data;
using MagicHub.Identity.Keys;
using MagicHub.Persistence;
using MagicHub.Security;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace MagicHub.Identity.Tests;

public sealed class SigningKeyStoreTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "magichub-keys-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly IHost _host;
    private readonly SqlDatabase<IdentityDb> _database;
    private readonly ManualClock _clock = new(Start);
    private readonly SigningKeyStore _store;

    public SigningKeyStoreTests()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["Data:Directory"] = _dataDir;
        builder.AddServiceSqlDatabase<IdentityDb>("identity", IdentityDb.Upgrades);
        _host = builder.Build();
        _host.Start();
        _database = _host.Services.GetRequiredService<SqlDatabase<IdentityDb>>();
        var options = new IdentityServiceOptions
        {
            KeyRotationInterval = TimeSpan.FromDays(10),
            KeyPublishLead = TimeSpan.FromDays(1),
            AccessTokenLifetime = TimeSpan.FromMinutes(5),
            ApiKeyTokenLifetime = TimeSpan.FromMinutes(5),
        };
        _store = new SigningKeyStore(_database, options, new SecurityOptions(), _clock);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Keys_rotate_with_the_next_key_published_ahead_and_the_old_one_kept_for_its_tokens()
    {
        var first = await _store.GetSigningKeyAsync(Ct);
        var publishedAtStart = await KeyIdsAsync();

        _clock.Now = Start + TimeSpan.FromDays(9.5);
        var stillFirst = await _store.GetSigningKeyAsync(Ct);
        var publishedAhead = await KeyIdsAsync();

        _clock.Now = Start + TimeSpan.FromDays(10) + TimeSpan.FromMinutes(1);
        var second = await _store.GetSigningKeyAsync(Ct);
        var publishedAfterSwitch = await KeyIdsAsync();

        _clock.Now = Start + TimeSpan.FromDays(10) + TimeSpan.FromMinutes(10);
        var publishedLater = await KeyIdsAsync();

        Assert.Equal([first.KeyId], publishedAtStart);
        Assert.Equal(first.KeyId, stillFirst.KeyId);
        Assert.Equal(2, publishedAhead.Count);
        Assert.NotEqual(first.KeyId, second.KeyId);
        Assert.Contains(second.KeyId, publishedAhead);
        Assert.Contains(first.KeyId, publishedAfterSwitch);
        Assert.DoesNotContain(first.KeyId, publishedLater);
        Assert.Contains(second.KeyId, publishedLater);
    }

    [Fact]
    public async Task A_second_store_on_the_same_database_signs_with_the_same_key()
    {
        var first = await _store.GetSigningKeyAsync(Ct);
        using var replica = new SigningKeyStore(_database, new IdentityServiceOptions(), new SecurityOptions(), _clock);

        var replicaKey = await replica.GetSigningKeyAsync(Ct);

        Assert.Equal(first.KeyId, replicaKey.KeyId);
    }

    private async Task<List<string>> KeyIdsAsync() => (await _store.GetPublishedKeysAsync(Ct)).Select(k => k.KeyId).ToList();

    public void Dispose()
    {
        _store.Dispose();
        _host.Dispose();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dataDir, true); } catch (IOException) { }
    }

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
