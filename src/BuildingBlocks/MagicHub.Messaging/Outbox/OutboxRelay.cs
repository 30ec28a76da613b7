using MagicHub.Messaging.Diagnostics;
using MagicHub.Messaging.Persistence;
using MagicHub.ServiceDefaults;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MagicHub.Messaging.Outbox;

/// <summary>
/// Sends pending outbox rows through the transport, retries failed rows with exponential backoff,
/// marks sent rows (kept for replay) and prunes rows older than the retention.
/// </summary>
internal sealed class OutboxRelay(
    IMessagingDatabase database,
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
        await using var connection = await database.OpenAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        var oldest = await OutboxTable.OldestPendingAsync(connection, ct);
        metrics.OutboxLag = oldest is null ? TimeSpan.Zero : now - oldest.Value;
        if (oldest is null) return 0;

        var batch = await OutboxTable.DueAsync(connection, now, outbox.BatchSize, ct);
        if (batch.Count == 0) return 0;

        // Sent outside a transaction: a broker that is slow to confirm must not hold the database's write lock.
        var failures = await Transport.SendAsync(batch, ct);
        var sentAt = time.GetUtcNow().UtcDateTime;
        for (var i = 0; i < batch.Count; i++)
        {
            var row = batch[i];
            if (failures[i] is not { } failure)
            {
                row.SentAt = sentAt;
                row.LastError = null;
                continue;
            }
            row.Attempts++;
            row.LastError = failure[..Math.Min(failure.Length, 2000)];
            row.NextAttemptAt = sentAt + Backoff.Exponential(TimeSpan.FromMilliseconds(500), row.Attempts, outbox.MaxRetryDelay);
        }
        await using (var transaction = await connection.BeginTransactionAsync(ct))
        {
            await OutboxTable.SaveOutcomeAsync(transaction, batch, ct);
            await Transport.RecordSentAsync(transaction, [.. batch.Where(r => r.SentAt is not null)], ct);
            await transaction.CommitAsync(ct);
        }
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
        await using var connection = await database.OpenAsync(ct);
        var sent = await OutboxTable.PruneAsync(connection, cutoff, ct);
        var inbox = await InboxTable.PruneAsync(connection, cutoff, ct);
        if (sent + inbox > 0) logger.LogInformation("Pruned {Outbox} outbox and {Inbox} inbox rows older than {Cutoff:o}", sent, inbox, cutoff);
    }
}
