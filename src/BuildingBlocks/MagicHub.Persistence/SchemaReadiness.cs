namespace MagicHub.Persistence;

/// <summary>
/// Where the start-up schema work of <typeparamref name="TDatabase"/> (<see cref="SqlSchemaMigrator{TDatabase}"/>) stands.
/// While it runs, every <see cref="SqlDatabase{TDatabase}.OpenAsync"/> waits for it (requests, background loops, tests
/// alike), so nothing reads or writes before the schema exists and the seeds are in; a failure is thrown to them.
/// Without a started migrator (a host that was never started) connections open at once.
/// </summary>
public sealed class SchemaReadiness<TDatabase>
    where TDatabase : class
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _begun;

    /// <summary>True once the schema work ran to completion.</summary>
    public bool IsReady => _done.Task.IsCompletedSuccessfully;

    /// <summary>True while the schema work runs.</summary>
    public bool IsRunning => _begun && !_done.Task.IsCompleted;

    /// <summary>Why the schema work failed, or null.</summary>
    public Exception? Failure => _done.Task.Exception?.InnerException;

    /// <summary>Completes when the database may be used: at once unless the schema work is running.</summary>
    public Task WhenReadyAsync(CancellationToken cancellationToken) =>
        !_begun || _done.Task.IsCompletedSuccessfully ? Task.CompletedTask : _done.Task.WaitAsync(cancellationToken);

    internal void Begin() => _begun = true;

    internal void SetReady() => _done.TrySetResult();

    internal void SetFailed(Exception exception) => _done.TrySetException(exception);
}
