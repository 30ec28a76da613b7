using MagicHub.Messaging.Diagnostics;
using MagicHub.Messaging.Persistence;
using MagicHub.ServiceDefaults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MagicHub.Messaging.Outbox;

/// <summary>
/// Sends pending outbox rows through the transport, retries failed rows with exponential backoff,
/// marks sent rows (kept for replay) and prunes rows older than the retention.
/// </summary>
internal sealed class OutboxRelay(
    IServiceScopeFactory scopes,
    IEnumerable<IMessageTransport> transports,
    OutboxSignal signal,
    MessagingMetrics metrics,
    IOptions<MessagingOptions> options,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<OutboxRelay> logger) : BackgroundService
{
    private DateTime _nextPrune = DateTime.MinValue;

    // Resolved lazily: with a misconfigured transport there is none, and options validation reports it at start.
    private IMessageTransport Transport => transports.First();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var outbox = options.Value.Outbox;
        if (!await lifetime.WhenStartedAsync(stoppingToken))
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            var full = false;
            try
            {
                full = await RelayOnceAsync(outbox, stoppingToken) >= outbox.BatchSize;
                await PruneAsync(outbox, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Outbox relay round failed; retrying");
            }
            if (!full)
            {
                try { await signal.WaitAsync(outbox.PollInterval, stoppingToken); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    internal async Task<int> RelayOnceAsync(OutboxOptions outbox, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MessagingDb>().Context;
        var now = time.GetUtcNow().UtcDateTime;
        var oldest = await db.Set<OutboxMessage>().Where(m => m.SentAt == null).MinAsync(m => (DateTime?)m.CreatedAt, ct);
        metrics.OutboxLag = oldest is null ? TimeSpan.Zero : now - oldest.Value;
        if (oldest is null) return 0;

        var batch = await db.Set<OutboxMessage>()
            .Where(m => m.SentAt == null && m.NextAttemptAt <= now)
            .OrderBy(m => m.Sequence)
            .Take(outbox.BatchSize)
            .ToListAsync(ct);
        if (batch.Count == 0) return 0;

        var failures = await Transport.SendAsync(db, batch, ct);
        var sentAt = time.GetUtcNow().UtcDateTime;
        for (var i = 0; i < batch.Count; i++)
        {
            var row = batch[i];
            if (failures[i] is null)
            {
                row.SentAt = sentAt;
                row.LastError = null;
                continue;
            }
            row.Attempts++;
            row.LastError = failures[i]![..Math.Min(failures[i]!.Length, 2000)];
            row.NextAttemptAt = sentAt + Backoff.Exponential(TimeSpan.FromMilliseconds(500), row.Attempts, outbox.MaxRetryDelay);
        }
        await db.SaveChangesAsync(ct);
        Transport.Committed();
        foreach (var row in batch.Where(r => r.SentAt is not null)) metrics.Published(row.Type, Transport.Name);
        var failed = batch.Count(r => r.SentAt is null);
        if (failed > 0) logger.LogWarning("Outbox relay could not send {Failed} of {Count} events: {Reason}", failed, batch.Count, batch.First(r => r.SentAt is null).LastError);
        return batch.Count;
    }

    private async Task PruneAsync(OutboxOptions outbox, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (now < _nextPrune) return;
        _nextPrune = now.AddMinutes(10);
        var cutoff = now - outbox.Retention;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MessagingDb>().Context;
        var sent = await db.Set<OutboxMessage>().Where(m => m.SentAt != null && m.SentAt < cutoff).ExecuteDeleteAsync(ct);
        var inbox = await db.Set<InboxMessage>().Where(m => m.HandledAt < cutoff).ExecuteDeleteAsync(ct);
        if (sent + inbox > 0) logger.LogInformation("Pruned {Outbox} outbox and {Inbox} inbox rows older than {Cutoff:o}", sent, inbox, cutoff);
    }
}
