using System.Data.Common;
using MagicHub.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Xunit;

namespace MagicHub.Persistence.Tests;

/// <summary>
/// The plain-SQL path (<see cref="SqlDatabase{TDatabase}"/>, <see cref="SqlSchemaMigrator{TDatabase}"/>) through a started
/// host: one set of test bodies, run against SQLite and against a real PostgreSQL server.
/// </summary>
public abstract class SqlDatabaseTests(IDatabaseTarget target) : IDisposable
{
    private const string Upgrade = "0002_note_author";

    private static readonly Dictionary<string, string> FailingStatements = new()
    {
        ["duplicate slug"] = "INSERT INTO \"notes\" (\"Slug\", \"Text\") VALUES ('first', 'same slug')",
        ["duplicate id"] = "INSERT INTO \"notes\" (\"Id\", \"Slug\", \"Text\") VALUES (1, 'other', 'same id')",
        ["null text"] = "INSERT INTO \"notes\" (\"Slug\") VALUES ('no text')",
        ["syntax error"] = "INSERT INTO \"notes\" (\"Slug\", \"Text\" VALUES ('x', 'y')",
        ["missing table"] = "INSERT INTO \"missing\" (\"Slug\") VALUES ('x')",
    };

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "magichub-sql-" + Guid.NewGuid().ToString("N")[..8]);

    // Each test its own database: a file under its own directory on SQLite, magichub_{name} on PostgreSQL.
    private readonly string _name = "sql_" + Guid.NewGuid().ToString("N")[..8];

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Fresh_database_is_created_from_the_engines_script_with_upgrades_recorded_not_run()
    {
        Assert.False(await DatabaseExistsAsync(ConnectionString(), Ct));
        var seeder = new RecordingSeeder<NotesSqlV2>();
        using var host = BuildHost<NotesSqlV2>(NotesSqlV2.Upgrades, seeder.Register);

        await host.StartAsync(Ct);

        Assert.True(await DatabaseExistsAsync(ConnectionString(), Ct));
        Assert.NotNull(seeder.Migration);
        Assert.True(seeder.Migration.Created);
        Assert.Empty(seeder.Migration.Applied);
        var db = host.Services.GetRequiredService<SqlDatabase<NotesSqlV2>>();
        Assert.Equal(Provider, db.Provider);
        await using var connection = await db.OpenAsync(Ct);
        // Had the upgrade run on the script's table, which has the column already, the start would have failed.
        Assert.Equal([Upgrade], await AppliedUpgradesAsync(connection));
        var id = await InsertAsync(connection, "first", "hello");
        await SetAuthorAsync(connection, "first", "ann");
        Assert.Equal(1, id);
        Assert.Equal(("hello", "ann"), await ReadAsync(connection, "first"));
        Assert.Equal(HealthStatus.Healthy, (await DatabaseHealthAsync(host)).Status);
        await host.StopAsync(Ct);
    }

    [Fact]
    public async Task Database_of_version_1_is_upgraded_once_at_restart_and_keeps_its_data()
    {
        using (var v1 = BuildHost<NotesSqlV1>([]))
        {
            await v1.StartAsync(Ct);
            await using var connection = await v1.Services.GetRequiredService<SqlDatabase<NotesSqlV1>>().OpenAsync(Ct);
            await InsertAsync(connection, "old", "written by v1");
            await v1.StopAsync(Ct);
        }

        var upgrade = new RecordingSeeder<NotesSqlV2>();
        using (var v2 = BuildHost<NotesSqlV2>(NotesSqlV2.Upgrades, upgrade.Register))
        {
            await v2.StartAsync(Ct);
            await using var connection = await OpenAsync(v2);
            Assert.Equal(("written by v1", null), await ReadAsync(connection, "old"));
            await SetAuthorAsync(connection, "old", "migrated");
            await v2.StopAsync(Ct);
        }
        Assert.NotNull(upgrade.Migration);
        Assert.False(upgrade.Migration.Created);
        Assert.Equal([Upgrade], upgrade.Migration.Applied);

        var restart = new RecordingSeeder<NotesSqlV2>();
        using var again = BuildHost<NotesSqlV2>(NotesSqlV2.Upgrades, restart.Register);
        await again.StartAsync(Ct);
        Assert.NotNull(restart.Migration);
        Assert.False(restart.Migration.Created);
        Assert.Empty(restart.Migration.Applied);
        await using (var connection = await OpenAsync(again))
        {
            Assert.Equal(("written by v1", "migrated"), await ReadAsync(connection, "old"));
            Assert.Equal([Upgrade], await AppliedUpgradesAsync(connection));
        }
        await again.StopAsync(Ct);
    }

    [Fact]
    public async Task OpenAsync_waits_until_the_schema_and_seeds_are_in_and_health_says_so()
    {
        var seeder = new HeldSeeder();
        using var host = BuildHost<NotesSqlV2>(NotesSqlV2.Upgrades, services => services.AddSingleton<ISqlDatabaseSeeder<NotesSqlV2>>(seeder));
        var starting = host.StartAsync(Ct);
        await seeder.Reached.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);

        var opening = host.Services.GetRequiredService<SqlDatabase<NotesSqlV2>>().OpenAsync(Ct);
        var health = await DatabaseHealthAsync(host);
        await Task.Delay(200, Ct);
        Assert.False(opening.IsCompleted);
        Assert.False(starting.IsCompleted);
        Assert.Equal(HealthStatus.Unhealthy, health.Status);
        Assert.True(seeder.Migration?.Created);

        seeder.Release.SetResult();
        await using (var connection = await opening.WaitAsync(TimeSpan.FromSeconds(30), Ct))
        {
            Assert.Equal(("seeded", null), await ReadAsync(connection, "seed"));
        }
        await starting.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        Assert.Equal(HealthStatus.Healthy, (await DatabaseHealthAsync(host)).Status);
        await host.StopAsync(Ct);
    }

    [Fact]
    public async Task Failed_seeding_fails_the_start_the_health_and_OpenAsync()
    {
        using var host = BuildHost<NotesSqlV2>(NotesSqlV2.Upgrades, services => services.AddSingleton<ISqlDatabaseSeeder<NotesSqlV2>, FailingSeeder>());

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync(Ct));

        Assert.Equal(FailingSeeder.Message, failure.Message);
        Assert.Equal(HealthStatus.Unhealthy, (await DatabaseHealthAsync(host)).Status);
        var opening = await Assert.ThrowsAsync<InvalidOperationException>(() => OpenAsync(host));
        Assert.Same(failure, opening);
    }

    [Theory]
    [InlineData("duplicate slug")]
    [InlineData("duplicate id")]
    public async Task Duplicate_key_insert_is_a_unique_violation(string statement)
    {
        var failure = await FailureOfAsync(FailingStatements[statement]);

        Assert.True(failure.IsUniqueViolation(), failure.ToString());
    }

    [Theory]
    [InlineData("null text")]
    [InlineData("syntax error")]
    [InlineData("missing table")]
    public async Task Other_failure_is_not_a_unique_violation(string statement)
    {
        var failure = await FailureOfAsync(FailingStatements[statement]);

        Assert.False(failure.IsUniqueViolation(), failure.ToString());
    }

    [Fact]
    public Task Missing_create_script_of_the_configured_engine_fails_the_start_naming_the_resource() =>
        // Each type has the other engine's script only, which must not be taken instead.
        Provider == DatabaseProvider.Postgres ? AssertMissingScriptAsync<SqliteOnlySql>("postgres") : AssertMissingScriptAsync<PostgresOnlySql>("sqlite");

    /// <summary>Whether the database <paramref name="connectionString"/> names exists on the engine.</summary>
    protected abstract Task<bool> DatabaseExistsAsync(string connectionString, CancellationToken cancellationToken);

    private IConfiguration Configuration => Config.From(target.Settings(_dataDirectory));

    private DatabaseProvider Provider => PersistenceExtensions.ReadOptions(Configuration).Provider;

    private string ConnectionString() =>
        PersistenceExtensions.ConnectionStringFor(Configuration, PersistenceExtensions.ReadOptions(Configuration), _name);

    private async Task AssertMissingScriptAsync<TDatabase>(string engine) where TDatabase : class
    {
        Assert.NotNull(SchemaScript.Read(typeof(TDatabase), Provider == DatabaseProvider.Postgres ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres));
        using var host = BuildHost<TDatabase>([]);

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync(Ct));

        Assert.Contains($"MagicHub.Persistence.Tests.{typeof(TDatabase).Name}.{engine}.sql", failure.Message, StringComparison.Ordinal);
        Assert.Same(failure, await Assert.ThrowsAsync<InvalidOperationException>(() => host.Services.GetRequiredService<SqlDatabase<TDatabase>>().OpenAsync(Ct)));
    }

    private async Task<DbException> FailureOfAsync(string sql)
    {
        using var host = BuildHost<NotesSqlV2>(NotesSqlV2.Upgrades);
        await host.StartAsync(Ct);
        await using var connection = await OpenAsync(host);
        await InsertAsync(connection, "first", "hello");

        var failure = await Assert.ThrowsAnyAsync<DbException>(() => connection.ExecuteAsync(sql, null, Ct));

        await host.StopAsync(Ct);
        return failure;
    }

    protected IHost BuildHost<TDatabase>(IReadOnlyList<SchemaUpgrade> upgrades, Action<IServiceCollection>? services = null) where TDatabase : class
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(target.Settings(_dataDirectory));
        builder.AddServiceSqlDatabase<TDatabase>(_name, upgrades);
        services?.Invoke(builder.Services);
        return builder.Build();
    }

    protected static Task<DbConnection> OpenAsync(IHost host) => host.Services.GetRequiredService<SqlDatabase<NotesSqlV2>>().OpenAsync(Ct);

    private static async Task<HealthReportEntry> DatabaseHealthAsync(IHost host) =>
        (await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(Ct)).Entries["database"];

    private static async Task<long> InsertAsync(DbConnection connection, string slug, string text)
    {
        await using var insert = connection.CreateCommand("INSERT INTO \"notes\" (\"Slug\", \"Text\") VALUES (@slug, @text) RETURNING \"Id\"")
            .WithParameter("slug", slug)
            .WithParameter("text", text);
        return Convert.ToInt64(await insert.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task SetAuthorAsync(DbConnection connection, string slug, string author)
    {
        await using var update = connection.CreateCommand("UPDATE \"notes\" SET \"Author\" = @author WHERE \"Slug\" = @slug")
            .WithParameter("author", author)
            .WithParameter("slug", slug);
        Assert.Equal(1, await update.ExecuteNonQueryAsync(Ct));
    }

    private static async Task<(string Text, string? Author)> ReadAsync(DbConnection connection, string slug)
    {
        await using var read = connection.CreateCommand("SELECT \"Text\", \"Author\" FROM \"notes\" WHERE \"Slug\" = @slug").WithParameter("slug", slug);
        await using var reader = await read.ExecuteReaderAsync(Ct);
        Assert.True(await reader.ReadAsync(Ct));
        return (reader.GetString(0), await reader.IsDBNullAsync(1, Ct) ? null : reader.GetString(1));
    }

    protected static async Task<List<string>> AppliedUpgradesAsync(DbConnection connection)
    {
        await using var read = connection.CreateCommand("SELECT id FROM __magichub_schema ORDER BY id");
        await using var reader = await read.ExecuteReaderAsync(Ct);
        var ids = new List<string>();
        while (await reader.ReadAsync(Ct))
        {
            ids.Add(reader.GetString(0));
        }
        return ids;
    }

    /// <summary>Keeps what the schema step told the seeders.</summary>
    private sealed class RecordingSeeder<TDatabase> : ISqlDatabaseSeeder<TDatabase> where TDatabase : class
    {
        public SchemaMigrationResult? Migration { get; private set; }

        public void Register(IServiceCollection services) => services.AddSingleton<ISqlDatabaseSeeder<TDatabase>>(this);

        public Task SeedAsync(DbConnection connection, SchemaMigrationResult migration, CancellationToken cancellationToken)
        {
            Migration = migration;
            return Task.CompletedTask;
        }
    }

    /// <summary>Adds one note, but only once the test lets it.</summary>
    private sealed class HeldSeeder : ISqlDatabaseSeeder<NotesSqlV2>
    {
        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public SchemaMigrationResult? Migration { get; private set; }

        public async Task SeedAsync(DbConnection connection, SchemaMigrationResult migration, CancellationToken cancellationToken)
        {
            Migration = migration;
            Reached.SetResult();
            await Release.Task.WaitAsync(cancellationToken);
            await InsertAsync(connection, "seed", "seeded");
        }
    }

    private sealed class FailingSeeder : ISqlDatabaseSeeder<NotesSqlV2>
    {
        public const string Message = "seed data is broken";

        public Task SeedAsync(DbConnection connection, SchemaMigrationResult migration, CancellationToken cancellationToken) =>
            throw new InvalidOperationException(Message);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteSqlDatabaseTests() : SqlDatabaseTests(new SqliteTarget())
{
    protected override Task<bool> DatabaseExistsAsync(string connectionString, CancellationToken cancellationToken) =>
        Task.FromResult(File.Exists(new SqliteConnectionStringBuilder(connectionString).DataSource));
}

public sealed class PostgresSqlDatabaseTests(PostgresServer server) : SqlDatabaseTests(new PostgresTarget(server)), IClassFixture<PostgresServer>
{
    protected override async Task<bool> DatabaseExistsAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var exists = connection.CreateCommand("SELECT 1 FROM pg_database WHERE datname = @name")
            .WithParameter("name", new NpgsqlConnectionStringBuilder(connectionString).Database);
        return await exists.ExecuteScalarAsync(cancellationToken) is not null;
    }

    // Replicas of one service (Kubernetes starts them together) meet on one empty database: without a lock, two
    // CREATE TABLE … IF NOT EXISTS of one table at once fail the second with a unique violation on pg_type.
    [Fact]
    public async Task Replicas_starting_at_once_on_an_empty_database_all_start_and_create_it_once()
    {
        var seeders = Enumerable.Range(0, 4).Select(_ => new TableSeeder()).ToList();
        var hosts = seeders.Select(seeder => BuildHost<NotesSqlV2>(NotesSqlV2.Upgrades, services => services.AddSingleton<ISqlDatabaseSeeder<NotesSqlV2>>(seeder))).ToList();
        try
        {
            await Task.WhenAll(hosts.Select(host => host.StartAsync(Ct)));

            Assert.Single(seeders, seeder => seeder.Migration!.Created);
            await using var connection = await OpenAsync(hosts[0]);
            Assert.Equal(["0002_note_author"], await AppliedUpgradesAsync(connection));
            await using var count = connection.CreateCommand("SELECT count(*) FROM \"seeded\"");
            Assert.Equal(4L, Convert.ToInt64(await count.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture));
            await Task.WhenAll(hosts.Select(host => host.StopAsync(Ct)));
        }
        finally
        {
            hosts.ForEach(host => host.Dispose());
        }
    }

    /// <summary>Creates a table of its own if missing, as the messaging tables are, and records its start in it.</summary>
    private sealed class TableSeeder : ISqlDatabaseSeeder<NotesSqlV2>
    {
        public SchemaMigrationResult? Migration { get; private set; }

        public async Task SeedAsync(DbConnection connection, SchemaMigrationResult migration, CancellationToken cancellationToken)
        {
            Migration = migration;
            await connection.ExecuteAsync("CREATE TABLE IF NOT EXISTS \"seeded\" (\"Id\" SERIAL PRIMARY KEY, \"At\" TEXT NOT NULL)", null, cancellationToken);
            await connection.ExecuteAsync("INSERT INTO \"seeded\" (\"At\") VALUES ('start')", null, cancellationToken);
        }
    }
}
