namespace MagicHub.Persistence;

/// <summary>
/// The SQLite create script of a DbContext: embedded resource <c>{context's full name}.sqlite.sql</c> of the context's
/// assembly, the output of <c>db.Database.GenerateCreateScript()</c> on SQLite, kept equal to the model by a test of the
/// service. A new SQLite database is created from it without building EF Core's model, which a first start would otherwise
/// wait a few hundred milliseconds for; without the resource the schema is created from the model.
/// </summary>
public static class SchemaScript
{
    /// <summary>The name of the embedded script of <paramref name="contextType"/>.</summary>
    public static string ResourceName(Type contextType) => contextType.FullName + ".sqlite.sql";

    /// <summary>The embedded SQLite script of <paramref name="contextType"/>, or null when it has none.</summary>
    public static string? ReadSqlite(Type contextType)
    {
        using var stream = contextType.Assembly.GetManifestResourceStream(ResourceName(contextType));
        if (stream is null)
        {
            return null;
        }
        using var reader = new StreamReader(stream);
        var script = reader.ReadToEnd();
        return string.IsNullOrWhiteSpace(script) ? null : script;
    }
}
