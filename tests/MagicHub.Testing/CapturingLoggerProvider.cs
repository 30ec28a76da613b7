using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace MagicHub.Testing;

/// <summary>Keeps every formatted log message (with its exception, if any) of every category, for assertions on logs.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    /// <summary>The messages logged so far, oldest first.</summary>
    public ConcurrentQueue<string> Messages { get; } = new();

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new Capturing(Messages);

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private sealed class Capturing(ConcurrentQueue<string> sink) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            sink.Enqueue(formatter(state, exception) + exception);
    }
}
