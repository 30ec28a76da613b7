using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace MagicHub.Messaging.RabbitMQ;

/// <summary>The process's one AMQP connection, opened on first use and kept alive by the client's automatic recovery.</summary>
internal sealed class RabbitMQConnection(IOptions<RabbitMQOptions> options, IOptions<MessagingOptions> messaging, ILogger<RabbitMQConnection> logger) : IAsyncDisposable
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private IConnection? _connection;

    /// <summary>Returns the connection, making one connect attempt if there is none yet (throws when the broker is unreachable).</summary>
    public async Task<IConnection> GetAsync(CancellationToken ct)
    {
        if (_connection is { } existing) return existing;
        await _lock.WaitAsync(ct);
        try
        {
            if (_connection is not null) return _connection;
            var factory = new ConnectionFactory
            {
                Uri = new Uri(options.Value.ConnectionString),
                AutomaticRecoveryEnabled = true,
                TopologyRecoveryEnabled = true,
                NetworkRecoveryInterval = options.Value.ReconnectInterval,
                RequestedHeartbeat = TimeSpan.FromSeconds(10),
                ClientProvidedName = messaging.Value.ServiceName,
            };
            _connection = await factory.CreateConnectionAsync(ct);
            _connection.ConnectionShutdownAsync += (_, e) =>
            {
                if (e.Initiator != ShutdownInitiator.Application) logger.LogWarning("RabbitMQ connection lost ({Reason}); recovering", e.ReplyText);
                return Task.CompletedTask;
            };
            _connection.RecoverySucceededAsync += (_, _) =>
            {
                logger.LogInformation("RabbitMQ connection recovered");
                return Task.CompletedTask;
            };
            logger.LogInformation("Connected to RabbitMQ at {Endpoint}", _connection.Endpoint);
            return _connection;
        }
        finally
        {
            _lock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            try { await _connection.CloseAsync(); } catch (Exception ex) { logger.LogDebug(ex, "Closing RabbitMQ connection failed"); }
            _connection.Dispose();
        }
        _lock.Dispose();
    }
}
