using System.Diagnostics;

namespace MagicHub.Bench;

/// <summary>The repository the runner works in: its root, the services under <c>src/Services</c> and their Release builds.</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    /// <summary>Every service project (a Web SDK project directly under <c>src/Services/&lt;Name&gt;</c>), by catalog name.</summary>
    public static IReadOnlyList<ServiceProject> Services()
    {
        var list = new List<ServiceProject>();
        foreach (var dir in Directory.GetDirectories(Path.Combine(Root, "src", "Services")).Order(StringComparer.Ordinal))
        {
            foreach (var csproj in Directory.GetFiles(dir, "*.csproj"))
            {
                if (File.ReadAllText(csproj).Contains("Microsoft.NET.Sdk.Web", StringComparison.Ordinal))
                {
                    var assembly = Path.GetFileNameWithoutExtension(csproj);
                    var name = Path.GetFileName(dir).ToLowerInvariant();
                    var nativeAot = File.ReadAllText(csproj).Contains("<IsAotCompatible>true</IsAotCompatible>", StringComparison.Ordinal);
                    list.Add(new ServiceProject(name, csproj, Path.Combine(dir, "bin", "Release", "net10.0", assembly + ".dll"),
                        Path.Combine(PublishRoot, name, assembly + ".dll"),
                        nativeAot ? Path.Combine(PublishRoot, name + "-aot", assembly) : null));
                }
            }
        }
        return list;
    }

    /// <summary>Where <see cref="PublishAsync"/> puts each service's published output (ignored by git like every obj folder).</summary>
    public static string PublishRoot => Path.Combine(Root, "bench", "MagicHub.Bench", "obj", "published");

    /// <summary>
    /// The runtime floor: bench/MagicHub.Bench.EmptyWeb, an ASP.NET Core app with only <c>/health</c>, built and published
    /// like a service (ReadyToRun and Native AOT).
    /// </summary>
    public static ServiceProject Floor()
    {
        const string assembly = "MagicHub.Bench.EmptyWeb";
        var dir = Path.Combine(Root, "bench", assembly);
        return new ServiceProject("emptyweb", Path.Combine(dir, assembly + ".csproj"), Path.Combine(dir, "bin", "Release", "net10.0", assembly + ".dll"),
            Path.Combine(PublishRoot, "emptyweb", assembly + ".dll"), Path.Combine(PublishRoot, "emptyweb-aot", assembly));
    }

    public static ServiceProject Service(string name) =>
        Services().FirstOrDefault(s => s.Name == name) ?? throw new InvalidOperationException($"No service '{name}' under src/Services.");

    /// <summary><c>dotnet build -c Release</c> of the given projects, one after another (the machine has 2 cores).</summary>
    public static async Task BuildAsync(IEnumerable<ServiceProject> services, CancellationToken ct)
    {
        foreach (var service in services)
        {
            var sw = Stopwatch.StartNew();
            var (code, output) = await Processes.RunAsync("dotnet", ["build", "-c", "Release", "-nologo", "-v", "q", "--disable-build-servers", service.Project], Root, TimeSpan.FromMinutes(5), ct);
            if (code != 0)
            {
                throw new InvalidOperationException($"Build of {service.Project} failed:\n{output}");
            }
            Console.Error.WriteLine($"built {service.Name} in {sw.Elapsed.TotalSeconds:0.0} s");
        }
    }

    /// <summary>
    /// <c>dotnet publish -c Release</c> of the given services into <see cref="PublishRoot"/>, as a deployment publishes them
    /// (ReadyToRun from Directory.Build.targets); incremental, so a repeated run only re-copies.
    /// </summary>
    public static async Task PublishAsync(IEnumerable<ServiceProject> services, CancellationToken ct)
    {
        foreach (var service in services)
        {
            var sw = Stopwatch.StartNew();
            var output = Path.GetDirectoryName(service.PublishedDll)!;
            var (code, log) = await Processes.RunAsync("dotnet", ["publish", "-c", "Release", "-nologo", "-v", "q", "--disable-build-servers", "-o", output, service.Project], Root, TimeSpan.FromMinutes(5), ct);
            if (code != 0)
            {
                throw new InvalidOperationException($"Publish of {service.Project} failed:\n{log}");
            }
            Console.Error.WriteLine($"published {service.Name} in {sw.Elapsed.TotalSeconds:0.0} s");
            if (service.NativeExe is { } exe)
            {
                await PublishNativeAotAsync(service, exe, ct);
            }
        }
    }

    /// <summary>
    /// The Native AOT publish of a service that declares itself AOT compatible (as its container image is built); ILCompiler
    /// and clang use both cores for a minute or two, so it runs at low priority.
    /// </summary>
    private static async Task PublishNativeAotAsync(ServiceProject service, string exe, CancellationToken ct)
    {
        var sw = Stopwatch.StartNew();
        // No build servers (MSBuild nodes, compiler server): twice in ~20 runs a publish sharing them never finished.
        string[] publish = ["-n", "10", "dotnet", "publish", "-c", "Release", "-r", "linux-x64", "-p:PublishAot=true", "-nologo", "-v", "q",
            "--disable-build-servers", "-o", Path.GetDirectoryName(exe)!, service.Project];
        var (code, log) = await Processes.RunAsync("nice", publish, Root, TimeSpan.FromMinutes(10), ct);
        if (code == -1)
        {
            Console.Error.WriteLine($"Native AOT publish of {service.Name} timed out; trying once more");
            (code, log) = await Processes.RunAsync("nice", publish, Root, TimeSpan.FromMinutes(10), ct);
        }
        if (code != 0)
        {
            throw new InvalidOperationException($"Native AOT publish of {service.Project} failed:\n{log}");
        }
        Console.Error.WriteLine($"published {service.Name} Native AOT in {sw.Elapsed.TotalSeconds:0.0} s");
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MagicHub.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Run the benchmark from inside the MagicHub repository (no MagicHub.slnx found above the current directory).");
    }
}

/// <summary>
/// A service project: catalog name, project file, the Release build's dll, the published (ReadyToRun) dll and, for a
/// service whose project sets <c>IsAotCompatible</c>, its Native AOT executable.
/// </summary>
internal sealed record ServiceProject(string Name, string Project, string Dll, string PublishedDll, string? NativeExe);

/// <summary>Which output of a service to run.</summary>
internal enum ServiceBinary
{
    /// <summary>The <c>dotnet build -c Release</c> dll (as run.sh runs it).</summary>
    Build,

    /// <summary>The <c>dotnet publish -c Release</c> dll (ReadyToRun).</summary>
    Published,

    /// <summary>The Native AOT executable (<c>-p:PublishAot=true</c>).</summary>
    NativeAot,
}
