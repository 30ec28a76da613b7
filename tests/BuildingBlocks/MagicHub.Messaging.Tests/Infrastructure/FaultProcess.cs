using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace MagicHub.Messaging.Tests.Infrastructure;

/// <summary>The MagicHub.Messaging.FaultConsumer process: started, killed (SIGKILL) and restarted by the fault tests.</summary>
internal sealed class FaultProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private FaultProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public static FaultProcess Start(string dbPath, IReadOnlyDictionary<string, string> settings)
    {
        // Run it from its own build output: its deps.json resolves its packages there, not in the test's folder.
        var ownOutput = AppContext.BaseDirectory.Replace("MagicHub.Messaging.Tests", "MagicHub.Messaging.FaultConsumer", StringComparison.Ordinal);
        var dll = Path.Combine(ownOutput, "MagicHub.Messaging.FaultConsumer.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException("Build tests/BuildingBlocks/MagicHub.Messaging.FaultConsumer first.", dll);
        var info = new ProcessStartInfo("dotnet", ["exec", dll, "--Db", dbPath, "--Logging:LogLevel:Default", "Warning",
            .. settings.SelectMany(kv => new[] { "--" + kv.Key, kv.Value })])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        return new FaultProcess(Process.Start(info) ?? throw new InvalidOperationException("cannot start the fault consumer"));
    }

    public bool HasExited => _process.HasExited;

    public string Output => string.Join('\n', _output.TakeLast(30));

    /// <summary>Kills the process with SIGKILL: no shutdown code runs.</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        _output.Enqueue(line);
        while (_output.Count > 200) _output.TryDequeue(out _);
    }

    /// <summary>(rows, distinct event ids) in the process's effects table; read through WAL while it writes.</summary>
    public static async Task<(long Rows, long Distinct)> EffectsAsync(string dbPath)
    {
        if (!File.Exists(dbPath)) return (0, 0);
        await using var connection = new SqliteConnection($"Data Source={dbPath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*), COUNT(DISTINCT EventId) FROM Effects";
        try
        {
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            return (reader.GetInt64(0), reader.GetInt64(1));
        }
        catch (SqliteException)
        {
            return (0, 0); // schema not created yet
        }
    }

    public static async Task<long> ScalarAsync(string dbPath, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={dbPath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        try { return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture); }
        catch (SqliteException) { return 0; }
    }
}
