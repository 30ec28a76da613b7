using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using MagicHub.Cli.Http;
using MagicHub.Cli.Output;
using Spectre.Console;

namespace MagicHub.Cli.Commands;

/// <summary><c>magichub dead-letters list|show|requeue|purge</c> against the calls service's messaging admin API.</summary>
public static class DeadLetterCommands
{
    private const string Base = "calls/admin/messaging/dead-letters";

    public static Command Create(GlobalOptions global)
    {
        var command = new Command("dead-letters", "Events whose handler kept failing: list, inspect, requeue after a fix, purge.");
        command.Add(List(global));
        command.Add(Show(global));
        command.Add(Requeue(global));
        command.Add(Purge(global));
        return command;
    }

    private static Option<string?> SubscriberOption() => new("--subscriber", "-s") { Description = "The subscriber (found from the event id when left out)." };

    private static Command List(GlobalOptions global)
    {
        var subscriber = SubscriberOption();
        var limit = new Option<int>("--limit") { Description = "At most this many (1-1000).", DefaultValueFactory = _ => 100 };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        var command = new Command("list", "Dead letters, newest first.") { subscriber, limit, json };
        command.SetAction(async (parse, ct) =>
        {
            using var client = global.CreateClient(parse);
            var letters = await ListAsync(client, parse.GetValue(subscriber), parse.GetValue(limit), ct);
            if (parse.GetValue(json))
            {
                global.Context.WriteRaw(Json.Serialize(letters));
                return 0;
            }
            var table = new Table().Border(TableBorder.Rounded).AddColumns("Subscriber", "Event id", "Type", "Attempts", "Dead-lettered (UTC)", "Reason");
            foreach (var letter in letters)
            {
                table.AddRow(Markup.Escape(letter.Subscriber), letter.EventId.ToString(), Markup.Escape(letter.Type), letter.Attempts.ToString(CultureInfo.InvariantCulture),
                    letter.DeadLetteredAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), Markup.Escape(letter.Reason));
            }
            global.Context.Out.Write(table);
            global.Context.Out.MarkupLine($"{letters.Count} dead letter(s).");
            return 0;
        });
        return command;
    }

    private static Command Show(GlobalOptions global)
    {
        var id = new Argument<Guid>("EVENT_ID") { Description = "The dead event's id." };
        var subscriber = SubscriberOption();
        var command = new Command("show", "A dead letter with its failure reason and the event it carried (JSON).") { id, subscriber };
        command.SetAction(async (parse, ct) =>
        {
            using var client = global.CreateClient(parse);
            var eventId = parse.GetRequiredValue(id);
            var owner = await SubscriberOfAsync(client, eventId, parse.GetValue(subscriber), ct);
            var detail = await client.GetJsonAsync<JsonElement>($"{Base}/{Uri.EscapeDataString(owner)}/{eventId}", ct);
            global.Context.WriteRaw(Json.Serialize(detail));
            return 0;
        });
        return command;
    }

    private static Command Requeue(GlobalOptions global)
    {
        var id = new Argument<Guid>("EVENT_ID") { Description = "The dead event's id." };
        var subscriber = SubscriberOption();
        var command = new Command("requeue", "Deliver a dead event to its subscriber again (after a fix).") { id, subscriber };
        command.SetAction(async (parse, ct) =>
        {
            using var client = global.CreateClient(parse);
            var eventId = parse.GetRequiredValue(id);
            var owner = await SubscriberOfAsync(client, eventId, parse.GetValue(subscriber), ct);
            await client.SendAsync(HttpMethod.Post, $"{Base}/{Uri.EscapeDataString(owner)}/{eventId}/requeue", ct);
            global.Context.Out.MarkupLine($"Requeued event {eventId} to {Markup.Escape(owner)}.");
            return 0;
        });
        return command;
    }

    private static Command Purge(GlobalOptions global)
    {
        var id = new Argument<Guid?>("EVENT_ID") { Description = "Only this dead event (default: all of the subscriber's).", Arity = ArgumentArity.ZeroOrOne };
        var subscriber = SubscriberOption();
        var command = new Command("purge", "Delete one dead letter, or all dead letters of a subscriber.") { id, subscriber };
        command.SetAction(async (parse, ct) =>
        {
            using var client = global.CreateClient(parse);
            if (parse.GetValue(id) is { } eventId)
            {
                var owner = await SubscriberOfAsync(client, eventId, parse.GetValue(subscriber), ct);
                await client.SendAsync(HttpMethod.Delete, $"{Base}/{Uri.EscapeDataString(owner)}/{eventId}", ct);
                global.Context.Out.MarkupLine($"Purged event {eventId} of {Markup.Escape(owner)}.");
                return 0;
            }
            var name = parse.GetValue(subscriber) ?? throw new CliException("Name the subscriber to purge with --subscriber, or give an EVENT_ID.");
            var result = await client.SendJsonAsync<PurgeResult>(HttpMethod.Delete, $"{Base}/{Uri.EscapeDataString(name)}", null, ct);
            global.Context.Out.MarkupLine($"Purged {result.Purged} dead letter(s) of {Markup.Escape(result.Subscriber)}.");
            return 0;
        });
        return command;
    }

    private static Task<List<DeadLetterInfo>> ListAsync(GatewayClient client, string? subscriber, int limit, CancellationToken ct) =>
        client.GetJsonAsync<List<DeadLetterInfo>>(Base + CallFilters.QueryString([("subscriber", subscriber), ("limit", limit.ToString(CultureInfo.InvariantCulture))]), ct);

    /// <summary>The given subscriber, else the one subscriber whose dead letters hold <paramref name="eventId"/>.</summary>
    private static async Task<string> SubscriberOfAsync(GatewayClient client, Guid eventId, string? subscriber, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(subscriber))
        {
            return subscriber.Trim();
        }
        var owners = (await ListAsync(client, null, 1000, ct)).Where(l => l.EventId == eventId).Select(l => l.Subscriber).Distinct().ToList();
        return owners.Count switch
        {
            1 => owners[0],
            0 => throw new CliException($"No dead letter for event {eventId} among the latest 1000; pass --subscriber if it is older."),
            _ => throw new CliException($"Event {eventId} is dead in several subscribers ({string.Join(", ", owners)}); pick one with --subscriber."),
        };
    }
}
