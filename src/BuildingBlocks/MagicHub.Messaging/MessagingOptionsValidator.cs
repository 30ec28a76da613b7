using MagicHub.Messaging.Serialization;
using Microsoft.Extensions.Options;

namespace MagicHub.Messaging;

internal sealed class MessagingOptionsValidator(
    IEnumerable<ITransportMarker> transports, IEnumerable<SubscriptionRegistration> subscriptions, EventJson json) : IValidateOptions<MessagingOptions>
{
    public ValidateOptionsResult Validate(string? name, MessagingOptions options)
    {
        var errors = new List<string>();
        if (!transports.Any(t => string.Equals(t.Name, options.Transport, StringComparison.OrdinalIgnoreCase)))
        {
            errors.Add(options.Transport is MessagingTransports.InProcess or MessagingTransports.RabbitMQ
                ? $"Messaging:Transport '{options.Transport}' is not registered: call AddMessaging(...).WithRabbitMQ()."
                : $"Messaging:Transport '{options.Transport}' is unknown; use 'inprocess' or 'rabbitmq'.");
        }
        if (string.IsNullOrWhiteSpace(options.ServiceName)) errors.Add("Messaging:ServiceName is empty.");
        if (options.MaxRetries is < 0 or > 20) errors.Add("Messaging:MaxRetries must be 0-20.");
        if (options.RetryBaseDelay < TimeSpan.Zero) errors.Add("Messaging:RetryBaseDelay must not be negative.");
        if (options.Concurrency is < 1 or > 256) errors.Add("Messaging:Concurrency must be 1-256.");
        if (options.Outbox.BatchSize is < 1 or > 10_000) errors.Add("Messaging:Outbox:BatchSize must be 1-10000.");
        if (options.Outbox.PollInterval <= TimeSpan.Zero) errors.Add("Messaging:Outbox:PollInterval must be positive.");
        if (options.Outbox.Retention <= TimeSpan.Zero) errors.Add("Messaging:Outbox:Retention must be positive.");
        errors.AddRange(subscriptions.Select(s => s.EventType).Distinct().Where(t => !json.Knows(t)).Select(EventJson.Unknown));
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

/// <summary>Registered once per transport that was added; lets validation name a missing one.</summary>
internal interface ITransportMarker
{
    string Name { get; }
}

internal sealed record TransportMarker(string Name) : ITransportMarker;
