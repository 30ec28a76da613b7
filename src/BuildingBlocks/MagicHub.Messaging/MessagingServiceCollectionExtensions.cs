using System.Diagnostics.CodeAnalysis;
using MagicHub.Messaging.Admin;
using MagicHub.Messaging.Delivery;
using MagicHub.Messaging.Diagnostics;
using MagicHub.Messaging.InProcess;
using MagicHub.Messaging.Outbox;
using MagicHub.Messaging.Persistence;
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
    /// Adds integration events with a transactional outbox in the service's <see cref="SqlDatabase{TDatabase}"/> (registered
    /// first with <c>AddServiceSqlDatabase&lt;TDatabase&gt;</c>; messaging creates its own tables in it), the outbox relay,
    /// the inbox, retries, dead letters and replay. The transport comes from <c>Messaging:Transport</c>. Event payloads need
    /// a JSON contract: <see cref="MessagingBuilder.AddEventJson"/> (required under Native AOT).
    /// </summary>
    public static MessagingBuilder AddMessaging<TDatabase>(this IHostApplicationBuilder builder, Action<MessagingOptions>? configure = null)
        where TDatabase : class
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
        services.TryAddSingleton(sp => new MessagingStore(sp.GetRequiredService<SqlDatabase<TDatabase>>().OpenAsync));
        services.AddScoped<ISqlDatabaseSeeder<TDatabase>, MessagingTablesSeeder<TDatabase>>();
        services.TryAddSingleton(sp => new EventJson(sp.GetServices<EventJsonResolver>().Select(r => r.Resolver)));
        services.TryAddSingleton<IEventPublisher, EventPublisher>();
        services.Configure<JsonOptions>(o => o.SerializerOptions.TypeInfoResolverChain.Add(MessagingJsonContext.Default));
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
    public static IServiceCollection AddSubscription<TEvent, [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandler>(this IServiceCollection services, string? subscriber = null, bool transactional = true)
        where TEvent : IntegrationEvent
        where THandler : class, IIntegrationEventHandler<TEvent>
    {
        services.TryAddScoped<THandler>();
        services.AddSingleton(new SubscriptionRegistration(serviceName =>
            Subscription.Create<TEvent, THandler>($"{serviceName}.{subscriber ?? typeof(THandler).Name}", transactional)));
        return services;
    }
}
