namespace MagicHub.Gateway;

/// <summary>Gateway settings (section <c>Gateway</c>).</summary>
public sealed class GatewayOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Gateway";

    /// <summary>
    /// Catalog names of the services the gateway routes to and health-checks; each is reached under <c>/{name}/…</c>.
    /// Configured as an array, or as one comma-separated value (<c>Gateway__Services=calls,media</c>), which wins.
    /// </summary>
    public IList<string> Services { get; } = [];

    /// <summary>How long the aggregated <c>/health</c> waits for one service.</summary>
    public TimeSpan HealthTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Reads the options, accepting the comma-separated form of <see cref="Services"/>.</summary>
    public static GatewayOptions Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(SectionName);
        var options = new GatewayOptions();
        section.Bind(options);
        var services = configuration[$"{SectionName}:{nameof(Services)}"] is { Length: > 0 } list
            ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : options.Services.Where(s => !string.IsNullOrWhiteSpace(s)).ToArray();
        options.Services.Clear();
        foreach (var service in services.Select(s => s.ToLowerInvariant()).Distinct())
        {
            options.Services.Add(service);
        }
        return options;
    }
}
