using MagicHub.Testing;
using Microsoft.Extensions.Configuration;

namespace MagicHub.Persistence.Tests;

/// <summary>Where one run of the shared persistence test bodies stores its data.</summary>
public interface IDatabaseTarget
{
    /// <summary>Configuration selecting this engine, as an operator would write it.</summary>
    IDictionary<string, string?> Settings(string dataDirectory);
}

public sealed class SqliteTarget : IDatabaseTarget
{
    public IDictionary<string, string?> Settings(string dataDirectory) => new Dictionary<string, string?>
    {
        ["Data:Directory"] = dataDirectory,
    };
}

public sealed class PostgresTarget(PostgresServer server) : IDatabaseTarget
{
    public IDictionary<string, string?> Settings(string dataDirectory) => new Dictionary<string, string?>
    {
        ["Data:Directory"] = dataDirectory,
        ["Database:Provider"] = "Postgres",
        ["Database:ConnectionString"] = server.ConnectionString,
    };
}

internal static class Config
{
    public static IConfiguration From(IDictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
}
