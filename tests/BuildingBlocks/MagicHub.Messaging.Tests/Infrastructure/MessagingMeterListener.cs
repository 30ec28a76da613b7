using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using MagicHub.Messaging.Diagnostics;

namespace MagicHub.Messaging.Tests.Infrastructure;

/// <summary>Collects MagicHub.Messaging counter increments by instrument and subscriber tag.</summary>
internal sealed class MessagingMeterListener : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<(string Instrument, string Subscriber), long> _sums = new();

    public MessagingMeterListener()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == MessagingMetrics.MeterName) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var subscriber = "";
            foreach (var tag in tags)
            {
                if (tag.Key == "subscriber") subscriber = tag.Value as string ?? "";
            }
            _sums.AddOrUpdate((instrument.Name, subscriber), value, (_, sum) => sum + value);
        });
        _listener.Start();
    }

    public long Sum(string instrument, string subscriber) => _sums.GetValueOrDefault((instrument, subscriber));

    public void Dispose() => _listener.Dispose();
}
