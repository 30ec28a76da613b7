namespace MagicHub.Persistence;

/// <summary>
/// The create scripts of a <see cref="SqlDatabase{TDatabase}"/>, one per engine, embedded in the assembly of the type that
/// names the database (<c>{full name}.sqlite.sql</c>, <c>{full name}.postgres.sql</c>): they are the schema itself.
/// </summary>
public static class SchemaScript
{
    /// <summary>
    /// The name of the embedded <paramref name="provider"/> script of <paramref name="databaseType"/>:
    /// <c>{full name}.sqlite.sql</c> or <c>{full name}.postgres.sql</c>.
    /// </summary>
    public static string ResourceName(Type databaseType, DatabaseProvider provider) =>
        databaseType.FullName + (provider == DatabaseProvider.Postgres ? ".postgres.sql" : ".sqlite.sql");

    /// <summary>The embedded <paramref name="provider"/> script of <paramref name="databaseType"/>, or null when it has none.</summary>
    public static string? Read(Type databaseType, DatabaseProvider provider)
    {
        using var stream = databaseType.Assembly.GetManifestResourceStream(ResourceName(databaseType, provider));
        if (stream is null)
        {
            return null;
        }
        using var reader = new StreamReader(stream);
        var script = reader.ReadToEnd();
        return string.IsNullOrWhiteSpace(script) ? null : script;
    }
}
