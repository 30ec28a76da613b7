using System.Data.Common;
using MagicHub.Persistence;

namespace MagicHub.Identity.Tenants;

/// <summary>A customer of the platform: owns users, API keys and, in every other service, data.</summary>
public sealed class Tenant
{
    /// <summary>Inserts a tenant (parameters from <see cref="AddParameters"/>).</summary>
    public const string Insert = "INSERT INTO \"tenants\" (\"Id\", \"Name\", \"CreatedAt\") VALUES (@id, @name, @created)";

    public required string Id { get; set; }
    public required string Name { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>The parameters of <see cref="Insert"/>.</summary>
    public DbCommand AddParameters(DbCommand command) => command
        .WithParameter("id", Id)
        .WithParameter("name", Name)
        .WithParameter("created", CreatedAt);
}
