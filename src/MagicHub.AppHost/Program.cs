using MagicHub.AppHost;

// Starts every MagicHub service as its own process on its own port, waits until each is healthy,
// prints the URLs, restarts a service that dies, and stops them all on Ctrl+C.
var root = PlatformService.FindRepositoryRoot(AppContext.BaseDirectory);
var dataDirectory = Path.GetFullPath(Environment.GetEnvironmentVariable("Data__Directory") ?? Path.Combine(root, "data"));
var services = PlatformService.Discover(root);
if (services.Count == 0)
{
    Console.Error.WriteLine("No built services found under src/Services. Build with: dotnet build src/MagicHub.AppHost");
    return 1;
}

var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
using var terminate = System.Runtime.InteropServices.PosixSignalRegistration.Create(
    System.Runtime.InteropServices.PosixSignal.SIGTERM, context => { context.Cancel = true; stop.Cancel(); });

Console.WriteLine($"Starting {services.Count} MagicHub services (data: {dataDirectory}, logs: {Path.Combine(dataDirectory, "logs")})");
var processes = services.Select(s => new ServiceProcess(s, dataDirectory, Path.Combine(dataDirectory, "logs"))).ToList();
foreach (var process in processes)
{
    process.Start();
}

var health = await HealthWaiter.WaitAllAsync(services, TimeSpan.FromSeconds(90), stop.Token);
HealthWaiter.PrintTable(health);
Console.WriteLine("Gateway: http://localhost:8000   API docs: http://localhost:8000/docs   Press Ctrl+C to stop.");

try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
}

Console.WriteLine("Stopping MagicHub…");
await Task.WhenAll(processes.Select(p => p.DisposeAsync().AsTask()));
Console.WriteLine("Stopped.");
return health.Values.All(h => h.Healthy) ? 0 : 2;
