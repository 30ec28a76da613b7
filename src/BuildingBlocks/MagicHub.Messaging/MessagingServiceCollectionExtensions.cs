using MagicHub.Messaging.Admin;
using MagicHub.Messaging.Delivery;
using MagicHub.Messaging.Diagnostics;
using MagicHub.Messaging.InProcess;
using MagicHub.Messaging.Outbox;
using MagicHub.Messaging.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace MagicHub.Messaging;

/// <summary>Registration of MagicHub messaging.</summary>
public static class MessagingServiceCollectionExtensions
{
    /// <summary>
    /// Adds integration events with a transactional outbox in <typeparamref name="TDbContext"/>
    /// (which must call <c>modelBuilder.AddMessagingTables()</c>), the outbox relay, the inbox,
    /// retries, dead letters and replay. The transport comes from <c>Messaging:Transport</c>.
    /// </summary>
    public static MessagingBuilder AddMessaging<TDbContext>(this IHostApplicationBuilder builder, Action<MessagingOptions>? configure = null)
        where TDbContext : DbContext
    {
        var section = builder.Configuration.GetSection(MessagingOptions.Section);
        var transport = section[nameof(MessagingOptions.Transport)] ?? MessagingTransports.InProcess;
        var services = builder.Services;
        var applicationName = builder.Environment.ApplicationName;

        services.AddOptions<MessagingOptions>()
            .Bind(section)
            .PostConfigure(o =>
            {
                configure?.Invoke(o);
                if (string.IsNullOrWhiteSpace(o.ServiceName)) o.ServiceName = applicationName.ToLowerInvariant();
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<MessagingOptions>, MessagingOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<MessagingMetrics>();
        services.TryAddSingleton(sp => new SubscriptionRegistry(
            sp.GetServices<SubscriptionRegistration>(), sp.GetRequiredService<IOptions<MessagingOptions>>()));
        services.TryAddSingleton<OutboxSignal>();
        services.TryAddSingleton<SubscriberInvoker>();
        services.TryAddScoped(sp => new MessagingDb(sp.GetRequiredService<TDbContext>()));
        services.TryAddScoped<IEventPublisher, EventPublisher>();
        services.TryAddScoped<MessageReplayer>();
        services.AddHostedService<OutboxRelay>();

        return new MessagingBuilder(builder, transport).AddTransport(MessagingTransports.InProcess, static m =>
        {
            m.Services.AddSingleton<IMessageTransport, InProcessTransport>();
            m.Services.AddScoped<IDeadLetterAdmin, InProcessDeadLetterAdmin>();
            m.Services.AddSingleton<InProcessSignal>();
            m.Services.AddHostedService<InProcessDispatcher>();
        });
    }

    /// <summary>
    /// Subscribes <typeparamref name="THandler"/> to <typeparamref name="TEvent"/>. The subscriber
    /// (its queue, inbox and dead letters) is named <c>{ServiceName}.{subscriber ?? handler type name}</c>.
    /// With <paramref name="transactional"/> false the handler runs outside the inbox transaction
    /// (see <see cref="Subscription.Transactional"/>) and must be idempotent.
    /// </summary>
    public static IServiceCollection AddSubscription<TEvent, THandler>(this IServiceCollection services, string? subscriber = null, bool transactional = true)
        where TEvent : IntegrationEvent
        where THandler : class, IIntegrationEventHandler<TEvent>
    {
        services.TryAddScoped<THandler>();
        services.AddSingleton(new SubscriptionRegistration(serviceName =>
            Subscription.Create<TEvent, THandler>($"{serviceName}.{subscriber ?? typeof(THandler).Name}", transactional)));
        return services;
    }
}
