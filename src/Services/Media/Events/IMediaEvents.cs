using MagicHub.Media.Contracts;
using MagicHub.Messaging;

namespace MagicHub.Media.Events;

/// <summary>
/// Where the media service announces new content. Called before the item's <c>SaveChanges</c>, so with the outbox
/// the event is stored in the same transaction as the item: published if and only if the item exists.
/// </summary>
public interface IMediaEvents
{
    /// <summary>A new recording (audio) is being stored.</summary>
    void Add(RecordingIngested recording);

    /// <summary>A new image or document is being stored.</summary>
    void Add(MediaUploaded media);
}

/// <summary>Puts the events in the media database's outbox (MagicHub.Messaging), relayed after commit.</summary>
public sealed class OutboxMediaEvents(IEventPublisher publisher) : IMediaEvents
{
    public void Add(RecordingIngested recording) => publisher.Enqueue(recording);

    public void Add(MediaUploaded media) => publisher.Enqueue(media);
}
