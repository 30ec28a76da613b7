namespace MagicHub.Messaging;

/// <summary>Messaging settings, bound from the <c>Messaging</c> configuration section.</summary>
public sealed class MessagingOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Messaging";

    /// <summary><c>inprocess</c> (default) or <c>rabbitmq</c> (needs <c>.WithRabbitMQ()</c>).</summary>
    public string Transport { get; set; } = MessagingTransports.InProcess;

    /// <summary>Name of this service; the CloudEvents source is <c>/{ServiceName}</c> and subscriber names start with it. Defaults to the application name.</summary>
    public string ServiceName { get; set; } = "";

    /// <summary>Retries of a failing handler before the event is dead-lettered.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>First retry delay; each further retry doubles it.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Handler invocations run at once per subscriber (in-process) or per consumer channel (RabbitMQ).</summary>
    public int Concurrency { get; set; } = 4;

    /// <summary>Outbox relay settings.</summary>
    public OutboxOptions Outbox { get; set; } = new();
}

/// <summary>Outbox relay settings (<c>Messaging:Outbox</c>).</summary>
public sealed class OutboxOptions
{
    /// <summary>How often the relay looks for pending rows when nothing woke it.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Rows sent per relay round.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>Longest wait between two send attempts of a failing row (backoff doubles up to this).</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long sent outbox rows (the replay log) and inbox rows are kept.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);
}

/// <summary>Transport names accepted by <c>Messaging:Transport</c>.</summary>
public static class MessagingTransports
{
    /// <summary>In-process delivery fed from the durable outbox.</summary>
    public const string InProcess = "inprocess";

    /// <summary>RabbitMQ (MagicHub.Messaging.RabbitMQ).</summary>
    public const string RabbitMQ = "rabbitmq";
}
