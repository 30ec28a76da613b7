using System.Reflection;
using MagicHub.ServiceDefaults;

namespace MagicHub.AppHost;

/// <summary>A service of the platform found in the source tree: its catalog name, built assembly and address.</summary>
public sealed record PlatformService(string Name, string AssemblyPath, Uri Url)
{
    /// <summary>Finds every built service under <c>src/Services</c> of <paramref name="repositoryRoot"/>.</summary>
    public static IReadOnlyList<PlatformService> Discover(string repositoryRoot)
    {
        var configuration = typeof(PlatformService).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "BuildConfiguration")?.Value ?? "Debug";
        var services = new List<PlatformService>();
        foreach (var folder in Directory.GetDirectories(Path.Combine(repositoryRoot, "src", "Services")).Order())
        {
            var folderName = Path.GetFileName(folder);
            var name = folderName.ToLowerInvariant();
            if (!ServiceCatalog.DefaultPorts.TryGetValue(name, out var port))
            {
                continue;
            }
            var assembly = Path.Combine(folder, "bin", configuration, "net10.0", $"MagicHub.{folderName}.dll");
            if (File.Exists(assembly))
            {
                var url = Environment.GetEnvironmentVariable(ServiceCatalog.AliasVariable(name)) ?? $"http://localhost:{port}";
                services.Add(new PlatformService(name, assembly, new Uri(url)));
            }
        }
        return services;
    }

    /// <summary>The folder holding <c>MagicHub.slnx</c>, searched upwards from <paramref name="start"/>.</summary>
    public static string FindRepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MagicHub.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"MagicHub.slnx not found above {start}.");
    }
}
