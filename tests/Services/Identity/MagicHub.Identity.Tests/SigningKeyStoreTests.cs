using MagicHub.Identity.Data;
using MagicHub.Identity.Keys;
using MagicHub.Security;
using MagicHub.Security.Tenancy;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace MagicHub.Identity.Tests;

public sealed class SigningKeyStoreTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly SqliteConnection _connection = new("Data Source=:memory:");
    private readonly ServiceProvider _services;
    private readonly ManualClock _clock = new(Start);
    private readonly SigningKeyStore _store;

    public SigningKeyStoreTests()
    {
        _connection.Open();
        _services = new ServiceCollection()
            .AddDbContext<IdentityDb>(db => db.UseSqlite(_connection))
            .AddSingleton<ITenantContext>(new FixedTenantContext(null))
            .BuildServiceProvider();
        using (var scope = _services.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<IdentityDb>().Database.EnsureCreated();
        }
        var options = new IdentityServiceOptions
        {
            KeyRotationInterval = TimeSpan.FromDays(10),
            KeyPublishLead = TimeSpan.FromDays(1),
            AccessTokenLifetime = TimeSpan.FromMinutes(5),
            ApiKeyTokenLifetime = TimeSpan.FromMinutes(5),
        };
        _store = new SigningKeyStore(_services.GetRequiredService<IServiceScopeFactory>(), options, new SecurityOptions(), _clock);
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
        using var replica = new SigningKeyStore(_services.GetRequiredService<IServiceScopeFactory>(), new IdentityServiceOptions(), new SecurityOptions(), _clock);

        var replicaKey = await replica.GetSigningKeyAsync(Ct);

        Assert.Equal(first.KeyId, replicaKey.KeyId);
    }

    private async Task<List<string>> KeyIdsAsync() => (await _store.GetPublishedKeysAsync(Ct)).Select(k => k.KeyId).ToList();

    public void Dispose()
    {
        _store.Dispose();
        _services.Dispose();
        _connection.Dispose();
    }

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
