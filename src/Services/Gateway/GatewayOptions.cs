namespace MagicHub.Gateway;

/// <summary>Gateway settings (section <c>Gateway</c>).</summary>
public sealed class GatewayOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Gateway";

    /// <summary>Catalog names of the services the gateway routes to and health-checks; each is reached under <c>/{name}/…</c>.</summary>
    public IList<string> Services { get; } = [];

    /// <summary>How long the aggregated <c>/health</c> waits for one service.</summary>
    public TimeSpan HealthTimeout { get; set; } = TimeSpan.FromSeconds(2);
}
