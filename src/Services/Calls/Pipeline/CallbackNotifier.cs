using System.Net.Http.Json;
using MagicHub.Calls.Data;
using MagicHub.Messaging;
using MagicHub.Security.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MagicHub.Calls.Pipeline;

/// <summary>Posts the finished call's status to the client's callback URL; failures are retried by the messaging backbone.</summary>
public sealed class CallbackNotifier(CallsDb db, IHttpClientFactory clients) : IIntegrationEventHandler<CallFinishedIntegrationEvent>
{
    public const string ClientName = "call-callbacks";

    public async Task HandleAsync(CallFinishedIntegrationEvent evt, DeliveryContext context, CancellationToken cancellationToken)
    {
        using var tenantScope = string.IsNullOrEmpty(evt.TenantId) ? null : TenantContext.BeginScope(evt.TenantId);
        var job = await db.Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == evt.JobId, cancellationToken);
        if (job?.CallbackUrl is not { } url)
        {
            return;
        }
        using var client = clients.CreateClient(ClientName);
        using var response = await client.PostAsJsonAsync(url, JobView.From(job), cancellationToken);
        response.EnsureSuccessStatusCode();
    }
}
