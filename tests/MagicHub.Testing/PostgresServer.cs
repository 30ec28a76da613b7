using Npgsql;
using Xunit;

namespace MagicHub.Testing;

/// <summary>
/// A real PostgreSQL server for a test run: <c>initdb</c> into a temp folder and <c>pg_ctl start</c> on a free
/// loopback port (as the <c>postgres</c> user when running as root), stopped by <c>pg_ctl stop</c> afterwards.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private string? _directory;
    private string? _pgCtl;

    /// <summary>The server's port on 127.0.0.1.</summary>
    public int Port { get; private set; }

    /// <summary>Connection string of the superuser to the <c>postgres</c> database.</summary>
    public string ConnectionString => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1", Port = Port, Username = "postgres", Database = "postgres", Pooling = false,
    }.ConnectionString;

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        var initdb = ExternalProcess.Find("initdb", "/usr/lib/postgresql/*")
            ?? throw new InvalidOperationException("PostgreSQL is not installed (initdb not found); run scripts/install-deps.sh.");
        _pgCtl = Path.Combine(Path.GetDirectoryName(initdb)!, "pg_ctl");
        if (!File.Exists(_pgCtl))
        {
            _pgCtl = ExternalProcess.Find("pg_ctl") ?? throw new InvalidOperationException("pg_ctl not found.");
        }
        _directory = Path.Combine(Path.GetTempPath(), "magichub-pg-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_directory);
        const string user = "postgres";
        if (ExternalProcess.IsRoot)
        {
            await ExternalProcess.RunAsync("chown", ["-R", user, _directory]);
        }
        var data = Path.Combine(_directory, "data");
        var init = await ExternalProcess.RunAsync(initdb, ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"], user, TimeSpan.FromSeconds(120));
        if (init.ExitCode != 0)
        {
            throw new InvalidOperationException("initdb failed: " + init.Output);
        }
        Port = FreePort.Next();
        var options = $"-p {Port} -h 127.0.0.1 -k {_directory} -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        var start = await ExternalProcess.RunAsync(_pgCtl, ["-D", data, "-o", options, "-l", Path.Combine(_directory, "log"), "-w", "-t", "60", "start"], user, TimeSpan.FromSeconds(90));
        if (start.ExitCode != 0)
        {
            throw new InvalidOperationException("pg_ctl start failed: " + start.Output + File.ReadAllText(Path.Combine(_directory, "log")));
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_directory is null || _pgCtl is null)
        {
            return;
        }
        await ExternalProcess.RunAsync(_pgCtl, ["-D", Path.Combine(_directory, "data"), "-m", "immediate", "-w", "stop"], "postgres", TimeSpan.FromSeconds(60));
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
