using System.Globalization;
using System.Text.Json;
using MagicHub.Messaging.Serialization;

namespace MagicHub.Messaging.Admin;

/// <summary>
/// The CLI form of the admin API, for <c>magichub messaging …</c>:
/// <c>dead-letters [subscriber]</c>, <c>show SUBSCRIBER EVENT_ID</c>, <c>requeue SUBSCRIBER EVENT_ID</c>,
/// <c>purge SUBSCRIBER [EVENT_ID]</c>, <c>replay TYPE FROM SUBSCRIBER [TO]</c>. Returns the process exit code.
/// </summary>
public static class MessagingAdminCommand
{
    private static readonly MessagingJsonContext Pretty = new(new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true });

    /// <summary>Runs one command against the service behind <paramref name="http"/>.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, HttpClient http, TextWriter output, CancellationToken cancellationToken)
    {
        var client = new MessagingAdminClient(http);
        string Arg(int i) => i < args.Count ? args[i] : throw new ArgumentException($"missing argument {i} for '{args[0]}'");
        try
        {
            switch (args.Count > 0 ? args[0] : "help")
            {
                case "dead-letters":
                    foreach (var d in await client.ListAsync(args.Count > 1 ? args[1] : null, 100, cancellationToken))
                    {
                        await output.WriteLineAsync($"{d.DeadLetteredAt:u}  {d.Subscriber}  {d.EventId}  {d.Type}  attempts={d.Attempts}  {d.Reason}");
                    }
                    return 0;
                case "show":
                    var detail = await client.GetAsync(Arg(1), Guid.Parse(Arg(2)), cancellationToken);
                    await output.WriteLineAsync(detail is null ? "no such dead letter" : JsonSerializer.Serialize(detail, Pretty.DeadLetterDetail));
                    return detail is null ? 2 : 0;
                case "requeue":
                    var requeued = await client.RequeueAsync(Arg(1), Guid.Parse(Arg(2)), cancellationToken);
                    await output.WriteLineAsync(requeued ? "requeued" : "no such dead letter");
                    return requeued ? 0 : 2;
                case "purge":
                    var purged = await client.PurgeAsync(Arg(1), args.Count > 2 ? Guid.Parse(args[2]) : null, cancellationToken);
                    await output.WriteLineAsync($"purged {purged}");
                    return 0;
                case "replay":
                    var to = args.Count > 4 ? DateTimeOffset.Parse(args[4], CultureInfo.InvariantCulture) : (DateTimeOffset?)null;
                    var result = await client.ReplayAsync(new ReplayRequest(Arg(1), DateTimeOffset.Parse(Arg(2), CultureInfo.InvariantCulture), Arg(3), to), cancellationToken);
                    await output.WriteLineAsync($"replayed {result.Replayed} {result.Type} events to {result.Subscriber}");
                    return 0;
                default:
                    await output.WriteLineAsync("usage: messaging dead-letters [SUBSCRIBER] | show SUBSCRIBER EVENT_ID | requeue SUBSCRIBER EVENT_ID | purge SUBSCRIBER [EVENT_ID] | replay TYPE FROM SUBSCRIBER [TO]");
                    return args.Count > 0 && args[0] is "help" or "--help" ? 0 : 1;
            }
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or HttpRequestException)
        {
            await output.WriteLineAsync($"error: {ex.Message}");
            return 1;
        }
    }
}
