using System.Runtime.CompilerServices;
using MagicHub.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MagicHub.Testing;

/// <summary>Keeps a service's embedded SQLite create script (<see cref="SchemaScript"/>) equal to what its model generates.</summary>
public static class SchemaScripts
{
    /// <summary>
    /// Passes when the script embedded for <typeparamref name="TContext"/> is what its model generates on SQLite; otherwise
    /// writes the generated script to <paramref name="scriptPath"/> (relative to the repository root) and fails, so the
    /// next build embeds it.
    /// </summary>
    public static void AssertCurrent<TContext>(IServiceProvider services, string scriptPath, [CallerFilePath] string caller = "")
        where TContext : DbContext
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var generated = db.Database.GenerateCreateScript().ReplaceLineEndings("\n");
        if (SchemaScript.ReadSqlite(typeof(TContext))?.ReplaceLineEndings("\n") == generated)
        {
            return;
        }
        var path = Path.Combine(RepositoryRoot(caller), scriptPath);
        File.WriteAllText(path, generated);
        throw new InvalidOperationException($"{scriptPath} did not match the model of {typeof(TContext).Name}; it has been regenerated: rebuild, rerun and commit it.");
    }

    private static string RepositoryRoot(string caller)
    {
        var directory = Path.GetDirectoryName(caller);
        while (directory is not null && !File.Exists(Path.Combine(directory, "MagicHub.slnx")))
        {
            directory = Path.GetDirectoryName(directory);
        }
        return directory ?? throw new InvalidOperationException($"No MagicHub.slnx above {caller}.");
    }
}
