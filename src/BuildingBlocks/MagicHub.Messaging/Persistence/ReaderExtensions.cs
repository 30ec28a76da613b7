using System.Data.Common;

namespace MagicHub.Messaging.Persistence;

internal static class ReaderExtensions
{
    /// <summary>A timestamp as UTC: PostgreSQL returns it so, SQLite's TEXT has no zone (EF Core wrote UTC without one too).</summary>
    public static DateTime GetUtcDateTime(this DbDataReader reader, int ordinal) =>
        DateTime.SpecifyKind(reader.GetDateTime(ordinal), DateTimeKind.Utc);
}
