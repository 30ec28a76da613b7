using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MagicHub.Messaging;

/// <summary>Returned by <c>AddMessaging</c>; transports hook in here (<c>.WithRabbitMQ()</c>).</summary>
public sealed class MessagingBuilder(IHostApplicationBuilder host, string transport)
{
    /// <summary>The application builder.</summary>
    public IHostApplicationBuilder Host { get; } = host;

    /// <summary>The service collection.</summary>
    public IServiceCollection Services => Host.Services;

    /// <summary>The transport chosen by <c>Messaging:Transport</c>.</summary>
    public string Transport { get; } = transport;

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

    /// <summary>
    /// Adds the JSON contracts of event payloads this service publishes or subscribes to: a source-generated
    /// <c>JsonSerializerContext</c> listing the event records (Native AOT has no reflection to fall back on).
    /// </summary>
    public MessagingBuilder AddEventJson(IJsonTypeInfoResolver resolver)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        Services.AddSingleton(new EventJsonResolver(resolver));
        return this;
    }
}
