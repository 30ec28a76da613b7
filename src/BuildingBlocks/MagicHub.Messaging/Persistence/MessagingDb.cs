using Microsoft.EntityFrameworkCore;

namespace MagicHub.Messaging.Persistence;

/// <summary>Scoped handle on the service's DbContext that holds the messaging tables.</summary>
public sealed class MessagingDb(DbContext context)
{
    /// <summary>The service's DbContext (the one given to <c>AddMessaging&lt;TDbContext&gt;</c>).</summary>
    public DbContext Context { get; } = context;
}
