namespace MagicHub.Messaging;

/// <summary>
/// Names an integration event on the wire. The CloudEvents <c>type</c> becomes
/// <c>{Name}.v{Version}</c>, e.g. <c>recording.ingested.v1</c>, which is also the RabbitMQ routing key.
/// </summary>
/// <param name="name">Dotted lower-case event name, e.g. <c>recording.ingested</c>.</param>
/// <param name="version">Payload version; bump it for breaking payload changes.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class EventTypeAttribute(string name, int version = 1) : Attribute
{
    /// <summary>Dotted event name without version.</summary>
    public string Name { get; } = name;

    /// <summary>Payload version.</summary>
    public int Version { get; } = version;

    /// <summary>The CloudEvents type: <c>{Name}.v{Version}</c>.</summary>
    public string TypeName => $"{Name}.v{Version}";
}
