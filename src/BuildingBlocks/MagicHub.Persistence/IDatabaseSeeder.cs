using Microsoft.EntityFrameworkCore;

namespace MagicHub.Persistence;

/// <summary>
/// Fills a service's database at start, right after its schema was created or upgraded and before the database counts
/// as ready: no request sees it unseeded. Registered as <c>services.AddScoped&lt;IDatabaseSeeder&lt;TContext&gt;, TSeeder&gt;()</c>;
/// runs on every start, so it checks what is already there.
/// </summary>
/// <typeparam name="TContext">The service's DbContext.</typeparam>
public interface IDatabaseSeeder<in TContext>
    where TContext : DbContext
{
    /// <summary>Adds the seed data <paramref name="db"/> lacks.</summary>
    /// <param name="db">The context the schema work runs on.</param>
    /// <param name="migration">What the schema step did: after <see cref="SchemaMigrationResult.Created"/> every table is empty.</param>
    /// <param name="cancellationToken">Cancelled when the application stops.</param>
    Task SeedAsync(TContext db, SchemaMigrationResult migration, CancellationToken cancellationToken);
}
