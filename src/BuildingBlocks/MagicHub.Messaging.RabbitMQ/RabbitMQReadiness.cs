namespace MagicHub.Messaging.RabbitMQ;

/// <summary>
/// Completes once this process's subscriber queues are declared and bound, so the relay never
/// publishes a local event before the local queue that should receive it exists.
/// </summary>
internal sealed class RabbitMQReadiness
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Ready => _ready.Task;

    public void SetReady() => _ready.TrySetResult();
}
