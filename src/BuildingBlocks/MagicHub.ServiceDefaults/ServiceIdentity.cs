namespace MagicHub.ServiceDefaults;

/// <summary>The catalog name of the running service, e.g. <c>calls</c>.</summary>
/// <param name="Name">Lower-case service name.</param>
public sealed record ServiceIdentity(string Name);
