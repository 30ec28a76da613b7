using System.Data.Common;
using MagicHub.Calls.Data;
using MagicHub.Persistence;
using MagicHub.Security.Tenancy;

namespace MagicHub.Calls.Calls;

/// <summary>One analyzed call: the seed's <c>general</c> table.</summary>
public sealed class CallRecord : ITenantOwned
{
    /// <summary>
    /// The call's columns (alias <c>c</c>) and its domain-specific data's id and JSON (alias <c>d</c>, null without a
    /// row), as <see cref="Read"/> reads them; select them <see cref="FromWithData"/>.
    /// </summary>
    public const string Columns =
        "c.\"Id\", c.\"JobId\", c.\"FileName\", c.\"Domain\", c.\"Category\", c.\"Sentiment\", c.\"Transcription\", c.\"MetricsJson\", " +
        "c.\"Stage1InputTokens\", c.\"Stage1OutputTokens\", c.\"Stage2InputTokens\", c.\"Stage2OutputTokens\", c.\"TenantId\", c.\"MediaId\", " +
        "c.\"CreatedAt\", c.\"UpdatedAt\", d.\"Id\", d.\"DataJson\"";

    /// <summary>The calls (<c>c</c>) with their domain-specific data (<c>d</c>) of the same tenant (<c>@tenant</c>).</summary>
    public const string FromWithData =
        "\"general\" c LEFT JOIN \"domain_specific\" d ON d.\"call_id\" = c.\"Id\" AND d.\"TenantId\" = @tenant";

    /// <summary>Inserts a call (parameters from <see cref="AddParameters"/>).</summary>
    public const string Insert =
        "INSERT INTO \"general\" (\"Id\", \"JobId\", \"FileName\", \"Domain\", \"Category\", \"Sentiment\", \"Transcription\", \"MetricsJson\", " +
        "\"Stage1InputTokens\", \"Stage1OutputTokens\", \"Stage2InputTokens\", \"Stage2OutputTokens\", \"TenantId\", \"MediaId\", \"CreatedAt\", \"UpdatedAt\") " +
        "VALUES (@id, @job, @file, @domain, @category, @sentiment, @transcription, @metrics, @s1in, @s1out, @s2in, @s2out, @tenant, @media, @created, @updated)";

    public Guid Id { get; set; }
    /// <summary>The pipeline job that produced the call (null for calls stored through <c>POST /save</c>); unique.</summary>
    public Guid? JobId { get; set; }
    public required string FileName { get; set; }
    public string Domain { get; set; } = "unknown";
    public string Category { get; set; } = "unknown";
    public string Sentiment { get; set; } = "neutral";
    public string Transcription { get; set; } = "";
    /// <summary>The general metrics (six sections) as JSON.</summary>
    public string MetricsJson { get; set; } = "{}";
    public int Stage1InputTokens { get; set; }
    public int Stage1OutputTokens { get; set; }
    public int Stage2InputTokens { get; set; }
    public int Stage2OutputTokens { get; set; }
    /// <summary>The owning tenant, stamped from the caller's token on insert.</summary>
    public string TenantId { get; set; } = "";
    public string? MediaId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DomainSpecificRecord? DomainSpecific { get; set; }

    /// <summary>The row at the reader's position, selected with <see cref="Columns"/>.</summary>
    public static CallRecord Read(DbDataReader reader)
    {
        var call = new CallRecord
        {
            Id = reader.GetGuid(0),
            JobId = reader.GetNullableGuid(1),
            FileName = reader.GetString(2),
            Domain = reader.GetString(3),
            Category = reader.GetString(4),
            Sentiment = reader.GetString(5),
            Transcription = reader.GetString(6),
            MetricsJson = reader.GetString(7),
            Stage1InputTokens = reader.GetInt32(8),
            Stage1OutputTokens = reader.GetInt32(9),
            Stage2InputTokens = reader.GetInt32(10),
            Stage2OutputTokens = reader.GetInt32(11),
            TenantId = reader.GetString(12),
            MediaId = reader.GetNullableString(13),
            CreatedAt = reader.GetDateTime(14),
            UpdatedAt = reader.GetDateTime(15),
        };
        if (!reader.IsDBNull(16))
        {
            call.DomainSpecific = new DomainSpecificRecord { Id = reader.GetGuid(16), TenantId = call.TenantId, CallId = call.Id, DataJson = reader.GetString(17) };
        }
        return call;
    }

    /// <summary>The parameters of <see cref="Insert"/>.</summary>
    public DbCommand AddParameters(DbCommand command) => command
        .WithParameter("id", Id)
        .WithParameter("job", JobId)
        .WithParameter("file", FileName)
        .WithParameter("domain", Domain)
        .WithParameter("category", Category)
        .WithParameter("sentiment", Sentiment)
        .WithParameter("transcription", Transcription)
        .WithParameter("metrics", MetricsJson)
        .WithParameter("s1in", Stage1InputTokens)
        .WithParameter("s1out", Stage1OutputTokens)
        .WithParameter("s2in", Stage2InputTokens)
        .WithParameter("s2out", Stage2OutputTokens)
        .WithParameter("tenant", TenantId)
        .WithParameter("media", MediaId)
        .WithParameter("created", CreatedAt)
        .WithParameter("updated", UpdatedAt);

    /// <summary>Inserts the call and its domain-specific data (when it has some) in <paramref name="transaction"/>.</summary>
    public async Task InsertAsync(DbTransaction transaction, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        await using (var insert = AddParameters(connection.CreateCommand(Insert, transaction)))
        {
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        if (DomainSpecific is { } data)
        {
            await using var insertData = data.AddParameters(connection.CreateCommand(DomainSpecificRecord.Insert, transaction));
            await insertData.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}

/// <summary>The domain-specific data of a call: the seed's <c>domain_specific</c> table.</summary>
public sealed class DomainSpecificRecord : ITenantOwned
{
    /// <summary>Inserts domain-specific data (parameters from <see cref="AddParameters"/>).</summary>
    public const string Insert =
        "INSERT INTO \"domain_specific\" (\"Id\", \"TenantId\", \"call_id\", \"DataJson\") VALUES (@id, @tenant, @call, @data)";

    public Guid Id { get; set; }
    public string TenantId { get; set; } = "";
    public Guid CallId { get; set; }
    /// <summary>Extracted fields as JSON.</summary>
    public string DataJson { get; set; } = "{}";

    /// <summary>The parameters of <see cref="Insert"/>.</summary>
    public DbCommand AddParameters(DbCommand command) => command
        .WithParameter("id", Id)
        .WithParameter("tenant", TenantId)
        .WithParameter("call", CallId)
        .WithParameter("data", DataJson);
}
