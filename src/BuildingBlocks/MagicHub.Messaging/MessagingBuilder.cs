using System.Text.Json.Serialization.Metadata;
using MagicHub.Messaging.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MagicHub.Messaging;

/// <summary>Returned by <c>AddMessaging</c>; event JSON (<see cref="AddEventJson"/>) and transports (<c>.WithRabbitMQ()</c>) hook in here.</summary>
public sealed class MessagingBuilder(IHostApplicationBuilder host, string transport)
{
    /// <summary>The application builder.</summary>
    public IHostApplicationBuilder Host { get; } = host;

    /// <summary>The service collection.</summary>
    public IServiceCollection Services => Host.Services;

    /// <summary>The transport chosen by <c>Messaging:Transport</c>.</summary>
    public string Transport { get; } = transport;

    /// <summary>
    /// Adds a resolver of event payload JSON, usually a source-generated <c>JsonSerializerContext</c> listing the events
    /// the service publishes and subscribes to (<c>.AddEventJson(CallsEventsJson.Default)</c>). Payloads use web defaults
    /// (camelCase) whatever the context's own options say. Publishing or subscribing an event type that no resolver knows
    /// fails, at start for subscriptions; reflection fills in only where the runtime allows it (JIT, tests).
    /// </summary>
    public MessagingBuilder AddEventJson(IJsonTypeInfoResolver resolver)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        Services.AddSingleton(new EventJsonResolver(resolver));
        return this;
    }

    /// <summary>
    /// Makes a transport available. <paramref name="register"/> runs only when configuration selects it,
    /// so the choice stays configuration-only.
    /// </summary>
    public MessagingBuilder AddTransport(string name, Action<MessagingBuilder> register)
    {
        Services.AddSingleton<ITransportMarker>(new TransportMarker(name));
        if (string.Equals(name, Transport, StringComparison.OrdinalIgnoreCase))
        {
            register(this);
        }
        return this;
    }
}
