// Messaging throughput: events/s committed to the outbox, published by the relay and consumed by a handler (inbox on),
// through the in-process transport and RabbitMQ, each next to a baseline measured in the same run.
// Usage: dotnet run -c Release --project bench/MagicHub.Bench.Messaging [-- --events 2000 --timeout 60 --only inprocess|rabbitmq --out bench/results/messaging.md]
using System.Globalization;
using System.Text;
using MagicHub.Bench.Messaging;
using MagicHub.Messaging;
using MagicHub.Messaging.Tests.Infrastructure;

var events = ArgValue("--events") is { } n ? int.Parse(n, CultureInfo.InvariantCulture) : 2000;
var timeout = TimeSpan.FromSeconds(ArgValue("--timeout") is { } t ? int.Parse(t, CultureInfo.InvariantCulture) : 60);
var only = ArgValue("--only");
var output = ArgValue("--out") ?? Path.Combine("bench", "results", "messaging.md");
var dir = Directory.CreateTempSubdirectory("magichub-bench-messaging-").FullName;

var runInProcess = only is null or MessagingTransports.InProcess;
var runRabbitMQ = only is null or MessagingTransports.RabbitMQ;
await using var broker = runRabbitMQ ? new RabbitMQNode() : null;
if (broker is not null)
{
    Console.Error.WriteLine("starting rabbitmq-server on loopback ...");
    await broker.StartAsync();
}
var scenarios = new Scenarios(dir, timeout, () =>
    broker?.CtlAsync("list_queues name messages_ready messages_unacknowledged consumers", TimeSpan.FromSeconds(20)) ?? Task.FromResult(""));

var results = new List<(BenchResult Row, BenchResult? Baseline)>();
Console.Error.WriteLine("warm-up ...");
if (runInProcess)
{
    await scenarios.RawSqliteAsync(200);
    await scenarios.MessagingAsync(MessagingTransports.InProcess, null, 200);
}
if (runRabbitMQ)
{
    await scenarios.RawRabbitMQAsync(broker!.ConnectionString, 200);
    await scenarios.MessagingAsync(MessagingTransports.RabbitMQ, broker!.ConnectionString, 200);
}
if (runInProcess)
{
    Console.Error.WriteLine("in-process ...");
    var sqlite = await scenarios.RawSqliteAsync(events);
    results.Add((sqlite, null));
    results.Add((await scenarios.MessagingAsync(MessagingTransports.InProcess, null, events), sqlite));
}
if (runRabbitMQ)
{
    Console.Error.WriteLine("rabbitmq ...");
    var raw = await scenarios.RawRabbitMQAsync(broker!.ConnectionString, events);
    results.Add((raw, null));
    results.Add((await scenarios.MessagingAsync(MessagingTransports.RabbitMQ, broker!.ConnectionString, events), raw));
}

var table = new StringBuilder()
    .AppendLine("# Messaging throughput")
    .AppendLine()
    .AppendLine(CultureInfo.InvariantCulture, $"{events:N0} `recording.ingested` events, committed in batches of 50 with their state rows (SQLite WAL, fsync on commit); the handler writes one row per event inside the inbox transaction; outbox and inbox on; {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd}. Rates are events/s from the first commit to the last event of that stage (published = every outbox row marked sent, after the broker's confirm for RabbitMQ; consumed = every effect row committed). Each baseline ran in the same run just before the rows compared with it.")
    .AppendLine()
    .AppendLine("| scenario | events | committed to outbox /s | published /s | consumed /s | consumed vs baseline |")
    .AppendLine("|---|---:|---:|---:|---:|---:|");
foreach (var (row, baseline) in results) Row(row, baseline);
Console.WriteLine(table);
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
await File.WriteAllTextAsync(output, table.ToString());
Directory.Delete(dir, recursive: true);
return;

void Row(BenchResult r, BenchResult? baseline) =>
    table.AppendLine(CultureInfo.InvariantCulture,
        $"| {r.Scenario} | {r.Events:N0} | {Fmt(r.CommitPerSecond)} | {Fmt(r.PublishedPerSecond)} | {Fmt(r.ConsumedPerSecond)} | {(baseline is null ? "—" : (r.ConsumedPerSecond / baseline.ConsumedPerSecond).ToString("0.00", CultureInfo.InvariantCulture))} |");

static string Fmt(double v) => double.IsNaN(v) ? "—" : v.ToString("N0", CultureInfo.InvariantCulture);

string? ArgValue(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
