using MagicHub.Security.Tenancy;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace MagicHub.Security.Tests;

public sealed class TenantDbContextTests : IDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");

    public TenantDbContextTests()
    {
        _connection.Open();
        using var db = Context(null);
        db.Database.EnsureCreated();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Queries_see_only_the_callers_tenant_even_with_a_shared_model()
    {
        await using (var a = Context("tenant-a"))
        {
            a.Notes.Add(new Note { Text = "a1" });
            a.Notes.Add(new Note { Text = "a2" });
            await a.SaveChangesAsync(Ct);
        }
        await using (var b = Context("tenant-b"))
        {
            b.Notes.Add(new Note { Text = "b1" });
            await b.SaveChangesAsync(Ct);
        }

        await using var readA = Context("tenant-a");
        await using var readB = Context("tenant-b");
        await using var none = Context(null);

        Assert.Equal(["a1", "a2"], await readA.Notes.OrderBy(n => n.Text).Select(n => n.Text).ToListAsync(Ct));
        Assert.Equal(["b1"], await readB.Notes.Select(n => n.Text).ToListAsync(Ct));
        Assert.Empty(await none.Notes.ToListAsync(Ct));
        Assert.Equal(3, await none.Notes.IgnoreQueryFilters().CountAsync(Ct));
    }

    [Fact]
    public async Task Another_tenants_id_is_not_found()
    {
        int id;
        await using (var a = Context("tenant-a"))
        {
            var note = new Note { Text = "secret" };
            a.Notes.Add(note);
            await a.SaveChangesAsync(Ct);
            id = note.Id;
        }

        await using var b = Context("tenant-b");

        Assert.Null(await b.Notes.FirstOrDefaultAsync(n => n.Id == id, Ct));
        Assert.Null(await b.Notes.FindAsync([id], Ct));
    }

    [Fact]
    public async Task New_records_are_stamped_with_the_callers_tenant()
    {
        await using var a = Context("tenant-a");
        var note = new Note { Text = "x" };
        a.Notes.Add(note);
        await a.SaveChangesAsync(Ct);

        Assert.Equal("tenant-a", note.TenantId);
    }

    [Fact]
    public async Task Adding_a_record_for_another_tenant_throws()
    {
        await using var a = Context("tenant-a");
        a.Notes.Add(new Note { Text = "x", TenantId = "tenant-b" });

        await Assert.ThrowsAsync<InvalidOperationException>(() => a.SaveChangesAsync(Ct));
    }

    [Fact]
    public async Task Moving_a_record_to_another_tenant_throws()
    {
        await using var a = Context("tenant-a");
        var note = new Note { Text = "x" };
        a.Notes.Add(note);
        await a.SaveChangesAsync(Ct);

        note.TenantId = "tenant-b";

        await Assert.ThrowsAsync<InvalidOperationException>(() => a.SaveChangesAsync(Ct));
    }

    [Fact]
    public async Task Adding_without_any_tenant_throws()
    {
        await using var none = Context(null);
        none.Notes.Add(new Note { Text = "x" });

        await Assert.ThrowsAsync<InvalidOperationException>(() => none.SaveChangesAsync(Ct));
    }

    [Fact]
    public void Background_work_runs_for_the_tenant_of_its_scope()
    {
        var tenant = new TenantContext(new Microsoft.AspNetCore.Http.HttpContextAccessor());

        using (TenantContext.BeginScope("tenant-job"))
        {
            Assert.Equal("tenant-job", tenant.TenantId);
        }
        Assert.Null(tenant.TenantId);
    }

    private NotesDb Context(string? tenantId) =>
        new(new DbContextOptionsBuilder<NotesDb>().UseSqlite(_connection).Options, new FixedTenantContext(tenantId));

    public void Dispose() => _connection.Dispose();
}

public sealed class Note : ITenantOwned
{
    public int Id { get; set; }
    public string TenantId { get; set; } = "";
    public required string Text { get; set; }
}

public sealed class NotesDb(DbContextOptions<NotesDb> options, ITenantContext tenant) : TenantDbContext(options, tenant)
{
    public DbSet<Note> Notes => Set<Note>();
}
