namespace MagicHub.Gateway.Routing;

/// <summary>A service behind the gateway and its base address.</summary>
/// <param name="Name">Catalog name; also its path prefix at the gateway.</param>
/// <param name="Address">Base address, e.g. <c>http://localhost:8001/</c>.</param>
public sealed record DownstreamService(string Name, Uri Address);
