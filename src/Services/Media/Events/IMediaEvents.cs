using MagicHub.Media.Contracts;

namespace MagicHub.Media.Events;

/// <summary>
/// Where the media service announces new content. The default implementation logs; the platform wires this seam to
/// MagicHub.Messaging (outbox + bus) so <see cref="RecordingIngested"/> and <see cref="MediaUploaded"/> survive crashes.
/// </summary>
public interface IMediaEvents
{
    /// <summary>A new recording (audio) was stored.</summary>
    Task PublishAsync(RecordingIngested recording, CancellationToken cancellationToken);

    /// <summary>A new image or document was stored.</summary>
    Task PublishAsync(MediaUploaded media, CancellationToken cancellationToken);
}

/// <summary>Writes each event to the log as structured data, until the messaging building block is wired in.</summary>
public sealed partial class LoggingMediaEvents(ILogger<LoggingMediaEvents> logger) : IMediaEvents
{
    public Task PublishAsync(RecordingIngested recording, CancellationToken cancellationToken)
    {
        LogEvent(RecordingIngested.EventName, recording.MediaId, recording.TenantId, recording.ContentType, recording.Size);
        return Task.CompletedTask;
    }

    public Task PublishAsync(MediaUploaded media, CancellationToken cancellationToken)
    {
        LogEvent(MediaUploaded.EventName, media.MediaId, media.TenantId, media.ContentType, media.Size);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Event {EventName}: media {MediaId} of tenant {TenantId}, {ContentType}, {Size} bytes")]
    private partial void LogEvent(string eventName, Guid mediaId, string tenantId, string contentType, long size);
}
