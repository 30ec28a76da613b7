using System.Text.Encodings.Web;
using System.Text.Json;

namespace MagicHub.Cli.Output;

/// <summary>The CLI's JSON output: indented, snake_case names as the API sends them, no escaping of non-ASCII text.</summary>
public static class Json
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Serializes <paramref name="value"/> followed by a newline.</summary>
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options) + Environment.NewLine;
}
