using MagicHub.Messaging.Admin;
using Microsoft.Extensions.DependencyInjection;

namespace MagicHub.Messaging.RabbitMQ;

/// <summary>Adds the RabbitMQ transport to messaging.</summary>
public static class RabbitMQMessagingExtensions
{
    /// <summary>
    /// Makes RabbitMQ available as <c>Messaging:Transport=rabbitmq</c>; settings from <c>Messaging:RabbitMQ</c>.
    /// Nothing is registered or connected while another transport is configured.
    /// </summary>
    public static MessagingBuilder WithRabbitMQ(this MessagingBuilder builder) =>
        builder.AddTransport(MessagingTransports.RabbitMQ, static m =>
        {
            m.Services.AddOptions<RabbitMQOptions>()
                .Bind(m.Host.Configuration.GetSection(RabbitMQOptions.Section))
                .Validate(o => Uri.TryCreate(o.ConnectionString, UriKind.Absolute, out var uri) && uri.Scheme is "amqp" or "amqps",
                    "Messaging:RabbitMQ:ConnectionString must be an amqp:// or amqps:// URI.")
                .Validate(o => !string.IsNullOrWhiteSpace(o.Exchange), "Messaging:RabbitMQ:Exchange is empty.")
                .Validate(o => o.Prefetch > 0, "Messaging:RabbitMQ:Prefetch must be positive.")
                .ValidateOnStart();
            m.Services.AddSingleton<RabbitMQConnection>();
            m.Services.AddSingleton<RabbitMQReadiness>();
            m.Services.AddSingleton<IMessageTransport, RabbitMQTransport>();
            m.Services.AddScoped<IDeadLetterAdmin, RabbitMQDeadLetterAdmin>();
            m.Services.AddHostedService<RabbitMQConsumerHost>();
        });
}
