using System.Diagnostics.CodeAnalysis;
using MagicHub.Messaging.Admin;
using MagicHub.Messaging.Delivery;
using MagicHub.Messaging.Diagnostics;
using MagicHub.Messaging.InProcess;
using MagicHub.Messaging.Outbox;
using MagicHub.Messaging.Persistence;
using MagicHub.Messaging.Serialization;
using MagicHub.Persistence;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace MagicHub.Messaging;

/// <summary>Registration of MagicHub messaging.</summary>
public static class MessagingServiceCollectionExtensions
{
    /// <summary>
    /// Adds integration events with a transactional outbox in the service's <see cref="SqlDatabase{TDatabase}"/> (register
    /// it first: <c>AddServiceSqlDatabase&lt;TDatabase&gt;</c>), the outbox relay, the inbox, retries, dead letters and
    /// replay. The messaging tables are created in that database at every start if missing. The transport comes from
    /// <c>Messaging:Transport</c>; event payload JSON from <see cref="MessagingBuilder.AddEventJson"/>.
    /// </summary>
    public static MessagingBuilder AddMessaging<TDatabase>(this IHostApplicationBuilder builder, Action<MessagingOptions>? configure = null)
        where TDatabase : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!builder.Services.Any(d => d.ServiceType == typeof(SqlDatabase<TDatabase>)))
        {
            throw new InvalidOperationException(
                $"AddMessaging<{typeof(TDatabase).Name}> needs the service's database: call builder.AddServiceSqlDatabase<{typeof(TDatabase).Name}>(...) first.");
        }
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
        services.TryAddSingleton<IMessagingDatabase, MessagingDatabase<TDatabase>>();
        services.AddScoped<ISqlDatabaseSeeder<TDatabase>, MessagingSchema<TDatabase>>();
        services.TryAddSingleton<EventJson>();
        services.TryAddSingleton<OutboxSignal>();
        services.TryAddSingleton<EventPublisher>();
        services.TryAddSingleton<IEventPublisher>(sp => sp.GetRequiredService<EventPublisher>());
        services.TryAddSingleton<SubscriberInvoker>();
        services.TryAddSingleton<MessageReplayer>();
        services.AddHostedService<OutboxRelay>();
        services.Configure<JsonOptions>(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, MessagingJsonContext.Default));

        return new MessagingBuilder(builder, transport).AddTransport(MessagingTransports.InProcess, static m =>
        {
            m.Services.AddSingleton<IMessageTransport, InProcessTransport>();
            m.Services.AddSingleton<IDeadLetterAdmin, InProcessDeadLetterAdmin>();
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
    public static IServiceCollection AddSubscription<TEvent, [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandler>(
        this IServiceCollection services, string? subscriber = null, bool transactional = true)
        where TEvent : IntegrationEvent
        where THandler : class, IIntegrationEventHandler<TEvent>
    {
        services.TryAddScoped<THandler>();
        services.AddSingleton(new SubscriptionRegistration(typeof(TEvent), serviceName =>
            Subscription.Create<TEvent, THandler>($"{serviceName}.{subscriber ?? typeof(THandler).Name}", transactional)));
        return services;
    }
}
