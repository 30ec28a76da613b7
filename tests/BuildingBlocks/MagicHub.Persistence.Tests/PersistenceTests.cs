using MagicHub.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace MagicHub.Persistence.Tests;

/// <summary>One set of test bodies, run against SQLite and against a real PostgreSQL server.</summary>
public abstract class PersistenceTests(IDatabaseTarget target) : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "magichub-persist-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly string _name = "notes_" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task Service_database_is_created_at_start_and_reports_healthy()
    {
        using var host = BuildHost<NotesDbV2>(NotesDbV2.Upgrades);
        await host.StartAsync(TestContext.Current.CancellationToken);

        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<NotesDbV2>();
            db.Notes.Add(new Note { Text = "hello", Author = "ann" });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var note = await scope.ServiceProvider.GetRequiredService<NotesDbV2>().Notes.SingleAsync(TestContext.Current.CancellationToken);
            Assert.Equal(("hello", "ann"), (note.Text, note.Author));
        }
        var health = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HealthStatus.Healthy, health.Entries["database"].Status);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Database_of_an_earlier_version_is_upgraded_once_and_keeps_its_data()
    {
        using (var v1 = BuildHost<NotesDbV1>([]))
        {
            await v1.StartAsync(TestContext.Current.CancellationToken);
            await using var scope = v1.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<NotesDbV1>();
            db.Notes.Add(new Note { Text = "written by v1" });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            await v1.StopAsync(TestContext.Current.CancellationToken);
        }

        using var v2 = BuildHost<NotesDbV2>(NotesDbV2.Upgrades);
        await v2.StartAsync(TestContext.Current.CancellationToken);
        await using (var scope = v2.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<NotesDbV2>();
            var old = await db.Notes.SingleAsync(TestContext.Current.CancellationToken);
            Assert.Equal("written by v1", old.Text);
            Assert.Null(old.Author);
            old.Author = "migrated";
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);

            var again = await SchemaMigration.MigrateAsync(db, Provider, NotesDbV2.Upgrades, NullLogger.Instance, TestContext.Current.CancellationToken);
            Assert.False(again.Created);
            Assert.Empty(again.Applied);
        }
        await v2.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Table_added_in_a_later_version_is_created_in_an_existing_database()
    {
        using (var v2 = BuildHost<NotesDbV2>(NotesDbV2.Upgrades))
        {
            await v2.StartAsync(TestContext.Current.CancellationToken);
            await v2.StopAsync(TestContext.Current.CancellationToken);
        }

        using var v3 = BuildHost<NotesDbV3>(NotesDbV2.Upgrades);
        await v3.StartAsync(TestContext.Current.CancellationToken);
        await using var scope = v3.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotesDbV3>();
        db.Tags.Add(new Tag { Name = "urgent" });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        db.Tags.Add(new Tag { Name = "urgent" });

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(TestContext.Current.CancellationToken));
        await v3.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Fresh_database_records_every_upgrade_as_applied()
    {
        using var host = BuildHost<NotesDbV2>(NotesDbV2.Upgrades);
        await host.StartAsync(TestContext.Current.CancellationToken);
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotesDbV2>();

        var again = await SchemaMigration.MigrateAsync(db, Provider, NotesDbV2.Upgrades, NullLogger.Instance, TestContext.Current.CancellationToken);

        Assert.False(again.Created);
        Assert.Empty(again.Applied);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Database_access_waits_until_the_schema_and_seeds_are_in_and_health_says_so()
    {
        var seeder = new HeldSeeder();
        using var host = BuildHost<NotesDbV2>(NotesDbV2.Upgrades, services => services.AddSingleton<IDatabaseSeeder<NotesDbV2>>(seeder));
        var ct = TestContext.Current.CancellationToken;
        var starting = host.StartAsync(ct);
        await seeder.Reached.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);

        await using var scope = host.Services.CreateAsyncScope();
        var read = scope.ServiceProvider.GetRequiredService<NotesDbV2>().Notes.Select(n => n.Text).ToListAsync(ct);
        var health = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(ct);
        await Task.Delay(200, ct);
        Assert.False(read.IsCompleted);
        Assert.False(starting.IsCompleted);
        Assert.Equal(HealthStatus.Unhealthy, health.Entries["database"].Status);
        Assert.True(seeder.Migration?.Created);

        seeder.Release.SetResult();
        Assert.Equal(["seeded"], await read.WaitAsync(TimeSpan.FromSeconds(30), ct));
        await starting.WaitAsync(TimeSpan.FromSeconds(30), ct);
        health = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(ct);
        Assert.Equal(HealthStatus.Healthy, health.Entries["database"].Status);
        await host.StopAsync(ct);
    }

    [Fact]
    public async Task Failed_seeding_fails_the_start_the_health_and_waiting_database_access()
    {
        using var host = BuildHost<NotesDbV2>(NotesDbV2.Upgrades, services => services.AddSingleton<IDatabaseSeeder<NotesDbV2>, FailingSeeder>());
        var ct = TestContext.Current.CancellationToken;

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync(ct));

        Assert.Equal(FailingSeeder.Message, failure.Message);
        var health = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(ct);
        Assert.Equal(HealthStatus.Unhealthy, health.Entries["database"].Status);
        await using var scope = host.Services.CreateAsyncScope();
        await Assert.ThrowsAsync<InvalidOperationException>(() => scope.ServiceProvider.GetRequiredService<NotesDbV2>().Notes.ToListAsync(ct));
    }

    [Fact]
    public async Task Database_of_a_host_never_started_can_be_migrated_directly()
    {
        using var host = BuildHost<NotesDbV2>(NotesDbV2.Upgrades);
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotesDbV2>();

        var migration = await SchemaMigration.MigrateAsync(db, Provider, NotesDbV2.Upgrades, NullLogger.Instance, TestContext.Current.CancellationToken);

        Assert.True(migration.Created);
        Assert.Empty(await db.Notes.ToListAsync(TestContext.Current.CancellationToken));
    }

    private DatabaseProvider Provider => PersistenceExtensions.ReadOptions(Config.From(target.Settings(_dataDirectory))).Provider;

    private IHost BuildHost<TContext>(IReadOnlyList<SchemaUpgrade> upgrades, Action<IServiceCollection>? services = null) where TContext : DbContext
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(target.Settings(_dataDirectory));
        builder.AddServiceDatabase<TContext>(_name, upgrades);
        services?.Invoke(builder.Services);
        return builder.Build();
    }

    /// <summary>Adds one note, but only once the test lets it.</summary>
    private sealed class HeldSeeder : IDatabaseSeeder<NotesDbV2>
    {
        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public SchemaMigrationResult? Migration { get; private set; }

        public async Task SeedAsync(NotesDbV2 db, SchemaMigrationResult migration, CancellationToken cancellationToken)
        {
            Migration = migration;
            Reached.SetResult();
            await Release.Task.WaitAsync(cancellationToken);
            db.Notes.Add(new Note { Text = "seeded" });
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private sealed class FailingSeeder : IDatabaseSeeder<NotesDbV2>
    {
        public const string Message = "seed data is broken";

        public Task SeedAsync(NotesDbV2 db, SchemaMigrationResult migration, CancellationToken cancellationToken) => throw new InvalidOperationException(Message);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        GC.SuppressFinalize(this);
    }
}

public sealed class SqlitePersistenceTests() : PersistenceTests(new SqliteTarget());

public sealed class PostgresPersistenceTests(PostgresServer server) : PersistenceTests(new PostgresTarget(server)), IClassFixture<PostgresServer>;
