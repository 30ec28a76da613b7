using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace MagicHub.Persistence.Tests;

/// <summary>Plain SQL finds what EF Core wrote, so a service can move from EF Core to <see cref="SqlDatabase{TDatabase}"/> on its old database.</summary>
public sealed class SqlCommandsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Microsoft.Data.Sqlite sends a Guid as upper-case text, the form EF Core stores it in; this guards that assumption.
    [Fact]
    public async Task A_guid_parameter_on_SQLite_matches_the_guid_EF_Core_stored()
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync(Ct);
        var id = Guid.NewGuid();
        var options = new DbContextOptionsBuilder<GuidsDb>().UseSqlite(connection).Options;
        await using (var db = new GuidsDb(options))
        {
            await db.Database.EnsureCreatedAsync(Ct);
            db.Add(new GuidRow { Id = id, Name = "written by EF Core" });
            await db.SaveChangesAsync(Ct);
        }

        await using var select = connection.CreateCommand("SELECT \"Id\", \"Name\" FROM \"guids\" WHERE \"Id\" = @id").WithParameter("id", id);
        var row = await select.ReadFirstAsync(r => new GuidRow { Id = r.GetGuid(0), Name = r.GetString(1) }, Ct);

        Assert.NotNull(row);
        Assert.Equal((id, "written by EF Core"), (row.Id, row.Name));
    }

    public sealed class GuidRow
    {
        public Guid Id { get; set; }
        public required string Name { get; set; }
    }

    private sealed class GuidsDb(DbContextOptions<GuidsDb> options) : DbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.Entity<GuidRow>().ToTable("guids");
    }
}
