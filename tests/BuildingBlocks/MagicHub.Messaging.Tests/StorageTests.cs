using System.Data.Common;
using System.Globalization;
using System.Net.Http.Json;
using MagicHub.Messaging.Admin;
using MagicHub.Messaging.Delivery;
using MagicHub.Messaging.Persistence;
using MagicHub.Messaging.Samples;
using MagicHub.Messaging.Serialization;
using MagicHub.Messaging.Tests.Infrastructure;
using MagicHub.Persistence;
using MagicHub.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace MagicHub.Messaging.Tests;

/// <summary>The messaging tables on each engine: EF Core's layout, databases the EF version made, the inbox under concurrency.</summary>
public abstract class StorageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected abstract TransportSetup Transport { get; }

    protected abstract DatabaseProvider Provider { get; }

    /// <summary>A connection to the test app's database before the app exists (its file or its PostgreSQL database).</summary>
    protected abstract Task<DbConnection> OpenEmptyAsync(string dbPath);

    [Fact]
    public async Task Messaging_tables_get_exactly_the_layout_EF_Core_created()
    {
        var ef = Path.Combine(Path.GetTempPath(), $"mh-ef-{Guid.NewGuid().ToString("N")[..8]}.db");
        var ours = Path.Combine(Path.GetTempPath(), $"mh-new-{Guid.NewGuid().ToString("N")[..8]}.db");
        try
        {
            await using (var connection = await OpenEmptyAsync(ef))
            {
                await connection.ExecuteAsync(EfScript(), null, Ct);
            }
            await using (var connection = await OpenEmptyAsync(ours))
            {
                await connection.ExecuteAsync(MessagingSchema<SampleDatabase>.Script(Provider), null, Ct);
                // Idempotent: it runs at every start.
                await connection.ExecuteAsync(MessagingSchema<SampleDatabase>.Script(Provider), null, Ct);
            }
            var expected = await LayoutAsync(ef);
            Assert.Equal(4, expected.Count(l => l.StartsWith("table ", StringComparison.Ordinal)));
            Assert.Contains(expected, l => l.Contains("IX_messaging_outbox_EventId", StringComparison.Ordinal));
            Assert.Equal(expected, await LayoutAsync(ours));
        }
        finally
        {
            Delete(ef);
            Delete(ours);
        }
    }

    [Fact]
    public async Task Database_created_by_the_EF_version_keeps_working_with_its_rows()
    {
        var dbPath = Path.Combine(Path.GetTempPath(), $"mh-efdb-{Guid.NewGuid().ToString("N")[..8]}.db");
        var service = "svc" + Guid.NewGuid().ToString("N")[..8];
        var pending = TestApp.Ingested("from-ef");
        var handledBefore = Guid.CreateVersion7();
        var deadLetter = Guid.CreateVersion7();
        // Within the retention, or the relay's first pruning round would remove the inbox row.
        var recently = DateTime.UtcNow.AddMinutes(-5).ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
        await using (var connection = await OpenEmptyAsync(dbPath))
        {
            await connection.ExecuteAsync(SchemaScript.Read(typeof(SampleDatabase), Provider)!, null, Ct);
            await connection.ExecuteAsync(EfScript(), null, Ct);
            // Rows as EF Core wrote them: on SQLite, Guids as upper-case TEXT and timestamps as 'yyyy-MM-dd HH:mm:ss.FFFFFFF'.
            var envelope = EventEnvelope.Create(pending, "/old", new EventJson([new EventJsonResolver(SampleEventsJson.Default)], reflection: false).Options);
            await using var outbox = connection.CreateCommand(
                "INSERT INTO \"messaging_outbox\" (\"EventId\", \"Type\", \"Tenant\", \"Time\", \"Envelope\", \"CreatedAt\", \"SentAt\", \"Attempts\", \"NextAttemptAt\", \"LastError\") " +
                $"VALUES ({Uuid(pending.Id)}, 'recording.ingested.v1', 'from-ef', {Time("2026-01-02 03:04:05.1234567")}, @envelope, " +
                $"{Time("2026-01-02 03:04:05.2")}, NULL, 1, {Time("2026-01-02 03:04:06")}, 'broker down')").WithParameter("envelope", envelope.ToJson());
            await outbox.ExecuteNonQueryAsync(Ct);
            await connection.ExecuteAsync(
                $"INSERT INTO \"messaging_inbox\" VALUES ('{service}.effect', {Uuid(handledBefore)}, 'recording.ingested.v1', {Time(recently)})", null, Ct);
            await connection.ExecuteAsync(
                "INSERT INTO \"messaging_dead_letters\" (\"Subscriber\", \"EventId\", \"Type\", \"Envelope\", \"Reason\", \"Attempts\", \"DeadLetteredAt\") " +
                $"VALUES ('{service}.effect', {Uuid(deadLetter)}, 'recording.ingested.v1', '{{}}', 'old failure', 4, {Time("2026-01-02 03:04:05.5")})", null, Ct);
        }

        await using var app = await TestApp.CreateAsync(Transport, s => s.AddSubscription<RecordingIngestedIntegrationEvent, EffectTestHandler>("effect"), dbPath, service);

        await app.WaitForEffectsAsync("effect", 1, pending.Id);
        var fresh = TestApp.Ingested();
        await app.PublishAsync(fresh);
        await app.WaitForEffectsAsync("effect", 1, fresh.Id);
        var rows = await app.OutboxAsync();
        Assert.Equal([pending.Id, fresh.Id], rows.Select(r => r.EventId));
        Assert.True(rows[1].Sequence > rows[0].Sequence);
        Assert.All(rows, r => Assert.NotNull(r.SentAt));

        // The EF-written inbox row still makes a delivery of its event a duplicate.
        var invoker = app.App.Services.GetRequiredService<SubscriberInvoker>();
        var subscription = app.App.Services.GetRequiredService<SubscriptionRegistry>().Find(app.Subscriber("effect"))!;
        var again = EventEnvelope.Create(TestApp.Ingested() with { Id = handledBefore }, "/old", app.App.Services.GetRequiredService<EventJson>().Options);
        Assert.Equal(DeliveryOutcome.Duplicate, (await invoker.DeliverAsync(subscription, again, replay: false, null, Ct)).Outcome);

        var letters = await app.Client.GetFromJsonAsync<List<DeadLetterInfo>>($"/admin/messaging/dead-letters?subscriber={app.Subscriber("effect")}", Ct);
        var letter = Assert.Single(letters!);
        Assert.Equal((deadLetter, "old failure", 4), (letter.EventId, letter.Reason, letter.Attempts));
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 3, 4, 5, 500, TimeSpan.Zero), letter.DeadLetteredAt);
        Assert.Equal(1, await app.ExecuteAsync("DELETE FROM \"messaging_dead_letters\" WHERE \"EventId\" = @id", ("id", deadLetter)));
    }

    [Fact]
    public async Task Concurrent_deliveries_of_one_event_run_its_transactional_handler_once()
    {
        // Two consumers got the same event (a broker redelivery racing the first delivery): the second must wait for the
        // first's inbox row and see a duplicate, not run the handler beside it.
        await using var app = await TestApp.CreateAsync(Transport, s => s.AddSubscription<RecordingIngestedIntegrationEvent, SlowTestHandler>("slow"));
        var invoker = app.App.Services.GetRequiredService<SubscriberInvoker>();
        var subscription = app.App.Services.GetRequiredService<SubscriptionRegistry>().Find(app.Subscriber("slow"))!;
        var evt = TestApp.Ingested();
        var envelope = EventEnvelope.Create(evt, "/test", app.App.Services.GetRequiredService<EventJson>().Options);

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            Task.Run(() => invoker.DeliverAsync(subscription, envelope, replay: false, null, Ct), Ct)));

        Assert.Equal([DeliveryOutcome.Handled, DeliveryOutcome.Duplicate, DeliveryOutcome.Duplicate, DeliveryOutcome.Duplicate],
            results.Select(r => r.Outcome).Order());
        Assert.All(results, r => Assert.Equal(1, r.Attempts));
        Assert.Equal(1, app.App.Services.GetRequiredService<FailurePlan>().Attempts(evt.Id));
        Assert.Equal(1, await app.EffectsAsync("slow", evt.Id));
    }

    private string EfScript() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "EfLayout",
        Provider == DatabaseProvider.Postgres ? "messaging.postgres.sql" : "messaging.sqlite.sql"));

    private string Uuid(Guid id) => Provider == DatabaseProvider.Postgres
        ? $"'{id}'::uuid"
        : $"'{id.ToString().ToUpperInvariant()}'";

    private string Time(string utc) => Provider == DatabaseProvider.Postgres ? $"'{utc}+00'::timestamptz" : $"'{utc}'";

    /// <summary>Tables, columns (type, nullability, default/identity), primary keys and indexes of the messaging tables, one line each.</summary>
    private async Task<List<string>> LayoutAsync(string dbPath)
    {
        await using var connection = await OpenEmptyAsync(dbPath);
        var lines = new List<string>();
        async Task Read(string sql, Func<DbDataReader, string> line)
        {
            await using var command = connection.CreateCommand(sql);
            lines.AddRange(await command.ReadAllAsync(line, Ct));
        }
        if (Provider == DatabaseProvider.Postgres)
        {
            await Read("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_name LIKE 'messaging%' ORDER BY 1",
                r => "table " + r.GetString(0));
            await Read("SELECT table_name, column_name, ordinal_position, data_type, coalesce(character_maximum_length, 0), is_nullable, is_identity, " +
                "coalesce(identity_generation, ''), coalesce(column_default, '') FROM information_schema.columns " +
                "WHERE table_schema = current_schema() AND table_name LIKE 'messaging%' ORDER BY 1, 3",
                r => string.Join('|', Enumerable.Range(0, r.FieldCount).Select(i => Convert.ToString(r.GetValue(i), CultureInfo.InvariantCulture))));
            await Read("SELECT conrelid::regclass::text, conname, contype, pg_get_constraintdef(oid) FROM pg_constraint " +
                "WHERE connamespace = current_schema()::regnamespace AND conrelid::regclass::text LIKE 'messaging%' ORDER BY 1, 2",
                r => $"constraint {r.GetString(0)} {r.GetString(1)} {r.GetValue(2)} {r.GetString(3)}");
            await Read("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename LIKE 'messaging%' ORDER BY 1",
                r => $"index {r.GetString(0)} {r.GetString(1)}");
        }
        else
        {
            await Read("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'messaging%' ORDER BY 1", r => "table " + r.GetString(0));
            foreach (var table in lines.ToList())
            {
                var name = table["table ".Length..];
                await Read($"SELECT cid, name, type, \"notnull\", coalesce(dflt_value, ''), pk FROM pragma_table_info('{name}')",
                    r => $"{name}|{r.GetInt64(0)}|{r.GetString(1)}|{r.GetString(2)}|{r.GetInt64(3)}|{r.GetString(4)}|{r.GetInt64(5)}");
                await Read($"SELECT name, \"unique\", origin, (SELECT group_concat(ii.name, ',') FROM pragma_index_info(il.name) ii) FROM pragma_index_list('{name}') il ORDER BY 1",
                    r => $"index {name} {r.GetString(0)} unique={r.GetInt64(1)} {r.GetString(2)} ({r.GetString(3)})");
            }
            // AUTOINCREMENT keys show only in the stored statement.
            await Read("SELECT name, instr(sql, 'AUTOINCREMENT') > 0 FROM sqlite_master WHERE type = 'table' AND name LIKE 'messaging%' ORDER BY 1",
                r => $"autoincrement {r.GetString(0)} {r.GetInt64(1)}");
        }
        return lines;
    }

    protected virtual void Delete(string dbPath)
    {
    }
}

public sealed class SqliteStorageTests : StorageTests
{
    protected override TransportSetup Transport => TransportSetup.InProcess;

    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override async Task<DbConnection> OpenEmptyAsync(string dbPath)
    {
        var connection = new SqliteConnection($"Data Source={dbPath};Pooling=False");
        await connection.OpenAsync();
        return connection;
    }

    protected override void Delete(string dbPath)
    {
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(dbPath + suffix);
    }
}

[Collection(PostgresTests.Name)]
public sealed class PostgresStorageTests(PostgresServer postgres) : StorageTests
{
    protected override TransportSetup Transport => TransportSetup.InProcess with { Postgres = postgres.ConnectionString };

    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;

    // The database TestApp uses for this path (created here when the test makes it before the app).
    protected override async Task<DbConnection> OpenEmptyAsync(string dbPath)
    {
        var name = "messaging_" + Path.GetFileNameWithoutExtension(dbPath).Replace('-', '_');
        var target = new NpgsqlConnectionStringBuilder(postgres.ConnectionString) { Database = name, Pooling = false }.ConnectionString;
        await using (var server = new NpgsqlConnection(postgres.ConnectionString))
        {
            await server.OpenAsync();
            await using var exists = server.CreateCommand("SELECT 1 FROM pg_database WHERE datname = @name").WithParameter("name", name);
            if (await exists.ExecuteScalarAsync() is null) await server.ExecuteAsync($"CREATE DATABASE \"{name}\"", null, CancellationToken.None);
        }
        var connection = new NpgsqlConnection(target);
        await connection.OpenAsync();
        return connection;
    }
}
