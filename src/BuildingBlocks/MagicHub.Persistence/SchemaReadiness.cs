using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MagicHub.Persistence;

/// <summary>
/// Where the start-up schema work of <typeparamref name="TContext"/> (<see cref="SchemaMigrator{TContext}"/> or
/// <see cref="SqlSchemaMigrator{TDatabase}"/>) stands. While it runs, every connection a <typeparamref name="TContext"/>
/// opens (or <see cref="SqlDatabase{TDatabase}.OpenAsync"/>) waits for it (requests, background loops,
/// tests alike), so nothing reads or writes before the schema exists and the seeds are in; a failure is thrown to them.
/// Without a started migrator (a host that was never started) connections open at once.
/// </summary>
public sealed class SchemaReadiness<TContext>
    where TContext : class
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _begun;
    private volatile object? _startupContext;

    /// <summary>True once the schema work ran to completion.</summary>
    public bool IsReady => _done.Task.IsCompletedSuccessfully;

    /// <summary>True while the schema work runs.</summary>
    public bool IsRunning => _begun && !_done.Task.IsCompleted;

    /// <summary>Why the schema work failed, or null.</summary>
    public Exception? Failure => _done.Task.Exception?.InnerException;

    /// <summary>
    /// Completes when <paramref name="context"/> (a DbContext, or null for a <see cref="SqlDatabase{TDatabase}"/> connection) may
    /// use the database: at once unless the schema work is running.
    /// </summary>
    public Task WhenReadyAsync(object? context, CancellationToken cancellationToken) =>
        // Only the migrator's own context passes early; null is no context (the SQL path never sets one), so it waits.
        !_begun || _done.Task.IsCompletedSuccessfully || (context is not null && ReferenceEquals(context, _startupContext))
            ? Task.CompletedTask
            : _done.Task.WaitAsync(cancellationToken);

    internal void Begin() => _begun = true;

    /// <summary>The migrator's own context (used by the migration and the seeders) passes while the work runs.</summary>
    internal void AllowStartupWork(object context) => _startupContext = context;

    internal void SetReady()
    {
        _startupContext = null;
        _done.TrySetResult();
    }

    internal void SetFailed(Exception exception)
    {
        _startupContext = null;
        _done.TrySetException(exception);
    }
}

/// <summary>Holds each connection of <typeparamref name="TContext"/> until <see cref="SchemaReadiness{TContext}"/> lets it through.</summary>
internal sealed class SchemaGate<TContext>(SchemaReadiness<TContext> readiness) : DbConnectionInterceptor
    where TContext : DbContext
{
    public override InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        readiness.WhenReadyAsync(eventData.Context, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<InterceptionResult> ConnectionOpeningAsync(
        DbConnection connection, ConnectionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        await readiness.WhenReadyAsync(eventData.Context, cancellationToken);
        return result;
    }
}
