using Microsoft.Extensions.Configuration;

namespace MagicHub.ServiceDefaults;

/// <summary>
/// The platform's services, their default ports and how their addresses are configured.
/// Addresses live under <c>Services:{name}:http:0</c> (the Microsoft.Extensions.ServiceDiscovery
/// format), so <c>http://transcription</c> resolves from configuration and Kubernetes DNS works unchanged.
/// The seed's <c>TRANSCRIPTION_SERVICE_URL</c>-style variables are accepted as aliases.
/// </summary>
public static class ServiceCatalog
{
    /// <summary>Every service of the platform by name, with its default port.</summary>
    public static IReadOnlyDictionary<string, int> DefaultPorts { get; } = new Dictionary<string, int>
    {
        ["gateway"] = 8000,
        ["transcription"] = 8001,
        ["prompts"] = 8002,
        ["extraction"] = 8003,
        ["calls"] = 8004,
        ["media"] = 8005,
        ["nlp"] = 8006,
        ["training"] = 8007,
        ["knowledge"] = 8008,
        ["search"] = 8009,
        ["chat"] = 8010,
        ["ocr"] = 8011,
        ["payments"] = 8014,
        ["scheduling"] = 8019,
        ["analytics"] = 8023,
        ["identity"] = 8031,
        ["notifications"] = 8032,
    };

    /// <summary>The configuration key that holds a service's address.</summary>
    public static string AddressKey(string service) => $"Services:{service}:http:0";

    /// <summary>The seed-style environment variable alias for a service's address, e.g. <c>TRANSCRIPTION_SERVICE_URL</c>.</summary>
    public static string AliasVariable(string service) => $"{service.ToUpperInvariant()}_SERVICE_URL";

    /// <summary>The base address of <paramref name="service"/>: configured, aliased, or <c>http://localhost:{default port}</c>.</summary>
    public static Uri ResolveAddress(IConfiguration configuration, string service)
    {
        var configured = configuration[AddressKey(service)];
        if (string.IsNullOrWhiteSpace(configured))
        {
            configured = DefaultPorts.TryGetValue(service, out var port)
                ? $"http://localhost:{port}"
                : throw new InvalidOperationException($"Service '{service}' has no configured address and no default port.");
        }
        return new Uri(configured.Contains("://", StringComparison.Ordinal) ? configured : "http://" + configured);
    }

    /// <summary>Configuration entries giving every catalog service its default address, overridden by any seed-style alias variable.</summary>
    internal static Dictionary<string, string?> DefaultAddresses()
    {
        var entries = new Dictionary<string, string?>();
        foreach (var (service, port) in DefaultPorts)
        {
            entries[AddressKey(service)] = $"http://localhost:{port}";
        }
        return entries;
    }

    /// <summary>Entries from seed-style alias variables that are set, e.g. <c>CALLS_SERVICE_URL</c>.</summary>
    internal static Dictionary<string, string?> AliasAddresses()
    {
        var entries = new Dictionary<string, string?>();
        foreach (var service in DefaultPorts.Keys)
        {
            var alias = Environment.GetEnvironmentVariable(AliasVariable(service));
            if (!string.IsNullOrWhiteSpace(alias))
            {
                entries[AddressKey(service)] = alias;
            }
        }
        return entries;
    }
}
