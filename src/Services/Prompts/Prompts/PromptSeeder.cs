using MagicHub.Prompts.Contracts;
using MagicHub.Prompts.Data;
using Microsoft.EntityFrameworkCore;

namespace MagicHub.Prompts.Prompts;

/// <summary>On first start (empty table) stores version 1 of every default pair from the built-in taxonomy and schemas.</summary>
public sealed partial class PromptSeeder(IServiceScopeFactory scopes, TimeProvider time, ILogger<PromptSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PromptsDb>();
        if (await db.Prompts.AnyAsync(cancellationToken)) return;
        var now = time.GetUtcNow();
        foreach (var d in DomainCatalog.Default.Domains)
            foreach (var c in d.Categories)
            {
                var fields = DefaultPrompts.FieldsFor(d.Domain, c.Category) ?? DefaultPrompts.GenericFields;
                db.Prompts.Add(PromptRow.From(DefaultPrompts.Build(d.Domain, c.Category, c.Description, c.Keywords, fields, now)));
            }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            LogSeeded(logger, db.Prompts.Local.Count);
        }
        catch (DbUpdateException)
        {
            // Another instance seeded at the same time; its rows are the same defaults.
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded {Count} default prompts")]
    private static partial void LogSeeded(ILogger logger, int count);
}
