using System.Net.Http.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MagicHub.Security.Revocation;

/// <summary>Polls the identity service's revocation list into <see cref="RevocationList"/>.</summary>
public sealed partial class RevocationPoller(
    IHttpClientFactory clients, RevocationList list, SecurityOptions options, Uri authority,
    TimeProvider clock, ILogger<RevocationPoller> logger) : BackgroundService
{
    /// <summary>Name of the HttpClient used.</summary>
    public const string ClientName = "magichub-revocations";

    /// <summary>Reads the list once; false when the identity service could not be read.</summary>
    public async Task<bool> RefreshAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var client = clients.CreateClient(ClientName);
            var document = await client.GetFromJsonAsync(new Uri(authority, ".well-known/revocations"), SecurityJsonContext.Default.RevocationDocument, cancellationToken);
            list.Replace(document?.Sessions ?? [], clock.GetUtcNow());
            return true;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
        {
            LogUnreachable(logger, authority, ex.Message);
            return false;
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.RevocationPollInterval, clock);
        do
        {
            await RefreshAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(LogLevel.Warning, "Revocation list of {Authority} could not be read: {Reason}")]
    private static partial void LogUnreachable(ILogger logger, Uri authority, string reason);
}
