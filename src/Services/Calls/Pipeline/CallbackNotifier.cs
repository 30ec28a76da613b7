using System.Net.Http.Json;
using MagicHub.Calls.Data;
using MagicHub.Messaging;
using MagicHub.Persistence;
using MagicHub.Security.Tenancy;

namespace MagicHub.Calls.Pipeline;

/// <summary>Posts the finished call's status to the client's callback URL; failures are retried by the messaging backbone.</summary>
public sealed class CallbackNotifier(SqlDatabase<CallsDb> database, IHttpClientFactory clients) : IIntegrationEventHandler<CallFinishedIntegrationEvent>
{
    public const string ClientName = "call-callbacks";

    public async Task HandleAsync(CallFinishedIntegrationEvent evt, DeliveryContext context, CancellationToken cancellationToken)
    {
        using var tenantScope = string.IsNullOrEmpty(evt.TenantId) ? null : TenantContext.BeginScope(evt.TenantId);
        CallJob? job;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            job = await CallJob.FindAsync(connection, null, evt.JobId, evt.TenantId, lockRow: false, cancellationToken);
        }
        if (job?.CallbackUrl is not { } url)
        {
            return;
        }
        using var client = clients.CreateClient(ClientName);
        using var response = await client.PostAsJsonAsync(url, JobView.From(job), CallsJsonContext.Default.JobView, cancellationToken);
        response.EnsureSuccessStatusCode();
    }
}
