using System.Data.Common;
using MagicHub.Calls.Data;
using MagicHub.Persistence;
using MagicHub.Security.Tenancy;

namespace MagicHub.Calls.Pipeline;

/// <summary>Where a call is in the pipeline.</summary>
public enum PipelineStage
{
    /// <summary>Speech to text and domain detection.</summary>
    Transcribe,
    /// <summary>Prompt validation or generation, then extraction.</summary>
    Analyze,
    /// <summary>Storing the call in <c>general</c> and <c>domain_specific</c>.</summary>
    Save,
    /// <summary>Nothing left to do.</summary>
    Done,
}

/// <summary>The overall state of a submitted call.</summary>
public enum JobStatus
{
    Queued,
    Running,
    Completed,
    Failed,
}

/// <summary>
/// One submitted call and the stored result of each stage, so a restart resumes where it stopped.
/// The audio itself stays in the media service (claim check); only its id is kept here.
/// Status and stage are stored by name (<c>call_jobs</c> as EF Core made it).
/// </summary>
public sealed class CallJob : ITenantOwned
{
    /// <summary>The columns <see cref="Read"/> reads, in its order.</summary>
    public const string Columns =
        "\"Id\", \"TenantId\", \"IdempotencyKey\", \"FileName\", \"MediaId\", \"SizeBytes\", \"Status\", \"Stage\", \"Attempts\", \"Error\", " +
        "\"TranscriptionJson\", \"PromptJson\", \"ExtractionJson\", \"CallId\", \"CallbackUrl\", \"TimingsJson\", \"CreatedAt\", \"UpdatedAt\"";

    /// <summary>Inserts a job (parameters from <see cref="AddParameters"/>).</summary>
    public const string Insert =
        $"INSERT INTO \"call_jobs\" ({Columns}) VALUES (@id, @tenant, @key, @file, @media, @size, @status, @stage, @attempts, @error, " +
        "@transcription, @prompt, @extraction, @call, @callback, @timings, @created, @updated)";

    /// <summary>Writes what the pipeline changes (parameters from <see cref="AddParameters"/>).</summary>
    public const string Update =
        "UPDATE \"call_jobs\" SET \"Status\" = @status, \"Stage\" = @stage, \"Attempts\" = @attempts, \"Error\" = @error, " +
        "\"TranscriptionJson\" = @transcription, \"PromptJson\" = @prompt, \"ExtractionJson\" = @extraction, \"CallId\" = @call, " +
        "\"TimingsJson\" = @timings, \"UpdatedAt\" = @updated WHERE \"Id\" = @id AND \"TenantId\" = @tenant";

    public Guid Id { get; set; }
    public string TenantId { get; set; } = "";
    /// <summary>Content hash of the audio unless the client gave an <c>Idempotency-Key</c>; unique per tenant.</summary>
    public required string IdempotencyKey { get; set; }
    public required string FileName { get; set; }
    public Guid MediaId { get; set; }
    public long SizeBytes { get; set; }
    public JobStatus Status { get; set; } = JobStatus.Queued;
    public PipelineStage Stage { get; set; } = PipelineStage.Transcribe;
    /// <summary>Failed attempts of the current stage.</summary>
    public int Attempts { get; set; }
    public string? Error { get; set; }
    public string? TranscriptionJson { get; set; }
    public string? PromptJson { get; set; }
    public string? ExtractionJson { get; set; }
    public Guid? CallId { get; set; }
    public string? CallbackUrl { get; set; }
    /// <summary>Per stage: when it started and finished, as JSON.</summary>
    public string TimingsJson { get; set; } = "{}";
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>True once nothing more will happen without a retry.</summary>
    public bool IsFinished => Status is JobStatus.Completed or JobStatus.Failed;

    /// <summary>Job <paramref name="id"/> of tenant <paramref name="tenantId"/>, or null.</summary>
    /// <param name="connection">An open connection.</param>
    /// <param name="transaction">The transaction to read in, if any.</param>
    /// <param name="id">The job.</param>
    /// <param name="tenantId">Its tenant (null finds nothing).</param>
    /// <param name="lockRow">
    /// Lock the row until <paramref name="transaction"/> ends (PostgreSQL's <c>FOR UPDATE</c>), so changes of one job
    /// take turns; SQLite's write transaction holds the whole database already.
    /// </param>
    /// <param name="cancellationToken">Cancellation.</param>
    public static async Task<CallJob?> FindAsync(
        DbConnection connection, DbTransaction? transaction, Guid id, string? tenantId, bool lockRow, CancellationToken cancellationToken)
    {
        var forUpdate = lockRow && connection is not Microsoft.Data.Sqlite.SqliteConnection ? " FOR UPDATE" : "";
        await using var select = connection.CreateCommand(
            $"SELECT {Columns} FROM \"call_jobs\" WHERE \"Id\" = @id AND \"TenantId\" = @tenant{forUpdate}", transaction)
            .WithParameter("id", id).WithTenant(tenantId);
        return await select.ReadFirstAsync(Read, cancellationToken);
    }

    /// <summary>Writes the job's state with <see cref="Update"/> in <paramref name="transaction"/>.</summary>
    public async Task UpdateAsync(DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var update = AddParameters(transaction.Connection!.CreateCommand(Update, transaction));
        await update.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The row at the reader's position, selected with <see cref="Columns"/>.</summary>
    public static CallJob Read(DbDataReader reader) => new()
    {
        Id = reader.GetGuid(0),
        TenantId = reader.GetString(1),
        IdempotencyKey = reader.GetString(2),
        FileName = reader.GetString(3),
        MediaId = reader.GetGuid(4),
        SizeBytes = reader.GetInt64(5),
        Status = Enum.Parse<JobStatus>(reader.GetString(6)),
        Stage = Enum.Parse<PipelineStage>(reader.GetString(7)),
        Attempts = reader.GetInt32(8),
        Error = reader.GetNullableString(9),
        TranscriptionJson = reader.GetNullableString(10),
        PromptJson = reader.GetNullableString(11),
        ExtractionJson = reader.GetNullableString(12),
        CallId = reader.GetNullableGuid(13),
        CallbackUrl = reader.GetNullableString(14),
        TimingsJson = reader.GetString(15),
        CreatedAt = reader.GetDateTime(16),
        UpdatedAt = reader.GetDateTime(17),
    };

    /// <summary>The parameters of <see cref="Insert"/> and <see cref="Update"/>.</summary>
    public DbCommand AddParameters(DbCommand command) => command
        .WithParameter("id", Id)
        .WithParameter("tenant", TenantId)
        .WithParameter("key", IdempotencyKey)
        .WithParameter("file", FileName)
        .WithParameter("media", MediaId)
        .WithParameter("size", SizeBytes)
        .WithParameter("status", Status.ToString())
        .WithParameter("stage", Stage.ToString())
        .WithParameter("attempts", Attempts)
        .WithParameter("error", Error)
        .WithParameter("transcription", TranscriptionJson)
        .WithParameter("prompt", PromptJson)
        .WithParameter("extraction", ExtractionJson)
        .WithParameter("call", CallId)
        .WithParameter("callback", CallbackUrl)
        .WithParameter("timings", TimingsJson)
        .WithParameter("created", CreatedAt)
        .WithParameter("updated", UpdatedAt);
}
