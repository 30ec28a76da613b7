using MagicHub.Testing;

namespace MagicHub.Media.Tests;

/// <summary>
/// A test class on its own media service (<see cref="MediaFactory"/>) and a new database of <see cref="Engine"/>, disposed
/// after each test; the classes derive a SQLite and a PostgreSQL twin from it.
/// </summary>
public abstract class MediaServiceTests(SqliteEngine engine) : IAsyncLifetime
{
    /// <summary>The database engine the class runs on.</summary>
    protected SqliteEngine Engine { get; } = engine;

    /// <summary>The service under test.</summary>
    protected MediaFactory Factory { get; } = new(engine);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return Factory.DisposeAsync();
    }
}
