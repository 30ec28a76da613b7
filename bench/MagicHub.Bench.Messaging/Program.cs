// Messaging throughput: events/s committed to the outbox, published by the relay and consumed by a
// handler, through the in-process transport and RabbitMQ, next to a raw RabbitMQ.Client baseline.
// Usage: dotnet run -c Release --project bench/MagicHub.Bench.Messaging [-- --events 5000 --out bench/results/messaging.md]
using System.Globalization;
using System.Text;
using MagicHub.Bench.Messaging;
using MagicHub.Messaging;
using MagicHub.Messaging.Tests.Infrastructure;

var events = ArgValue("--events") is { } n ? int.Parse(n, CultureInfo.InvariantCulture) : 5000;
var output = ArgValue("--out") ?? Path.Combine("bench", "results", "messaging.md");
var dir = Directory.CreateTempSubdirectory("magichub-bench-messaging-").FullName;

await using var broker = new RabbitMQNode();
Console.Error.WriteLine("starting rabbitmq-server on loopback ...");
await broker.StartAsync();

var results = new List<BenchResult>();
Console.Error.WriteLine("warm-up ...");
await Scenarios.MessagingAsync(MessagingTransports.InProcess, null, 200, dir);
var rabbit = !args.Contains("--inprocess-only");
if (rabbit) await Scenarios.MessagingAsync(MessagingTransports.RabbitMQ, broker.ConnectionString, 200, dir);
Console.Error.WriteLine("baseline ...");
results.Add(await Scenarios.RawRabbitMQAsync(broker.ConnectionString, events));
Console.Error.WriteLine("in-process ...");
results.Add(await Scenarios.MessagingAsync(MessagingTransports.InProcess, null, events, dir));
Console.Error.WriteLine("rabbitmq ...");
if (rabbit) results.Add(await Scenarios.MessagingAsync(MessagingTransports.RabbitMQ, broker.ConnectionString, events, dir));

var table = new StringBuilder()
    .AppendLine("# Messaging throughput")
    .AppendLine()
    .AppendLine(CultureInfo.InvariantCulture, $"{events:N0} `recording.ingested` events, committed in batches of 50 with their state rows (SQLite WAL, fsync on commit), handler writes one row per event inside the inbox transaction; {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd}. Rates are events/s from the first commit to the last event of that stage.")
    .AppendLine()
    .AppendLine("| scenario | events | committed to outbox /s | published /s | consumed /s |")
    .AppendLine("|---|---:|---:|---:|---:|");
foreach (var r in results)
{
    table.AppendLine(CultureInfo.InvariantCulture, $"| {r.Scenario} | {r.Events:N0} | {Fmt(r.CommitPerSecond)} | {Fmt(r.PublishedPerSecond)} | {Fmt(r.ConsumedPerSecond)} |");
}
Console.WriteLine(table);
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
await File.WriteAllTextAsync(output, table.ToString());
Directory.Delete(dir, recursive: true);
return;

static string Fmt(double v) => double.IsNaN(v) ? "—" : v.ToString("N0", CultureInfo.InvariantCulture);

string? ArgValue(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
