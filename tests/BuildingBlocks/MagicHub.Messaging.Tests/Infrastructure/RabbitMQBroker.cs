namespace MagicHub.Messaging.Tests.Infrastructure;

/// <summary>One RabbitMQ node for the whole "rabbitmq" test collection.</summary>
public sealed class RabbitMQBroker : IAsyncLifetime
{
    private readonly RabbitMQNode _node = new();

    public string ConnectionString => _node.ConnectionString;

    public Task RestartAsync() => _node.RestartAsync();

    public ValueTask InitializeAsync() => new(_node.StartAsync());

    public ValueTask DisposeAsync() => _node.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class RabbitMQTests : ICollectionFixture<RabbitMQBroker>
{
    public const string Name = "rabbitmq";
}
