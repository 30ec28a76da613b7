using System.Net;
using System.Text;
using System.Text.Json;

namespace MagicHub.Cli.Http;

/// <summary>Turns an unsuccessful response into one readable line from its RFC 9457 problem details.</summary>
public static class ProblemMessage
{
    /// <summary>"title: detail (HTTP status)" plus validation errors, or the status and the start of the body.</summary>
    public static string Format(HttpStatusCode status, string? body)
    {
        var code = (int)status;
        var reason = $"HTTP {code} {ReasonPhrase(status)}".TrimEnd();
        if (string.IsNullOrWhiteSpace(body))
        {
            return code == 401 ? $"{reason}: sign in with 'magichub login', or pass --token / --api-key." : reason;
        }
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return $"{reason}: {Shorten(body)}";
            }
            var title = Text(root, "title");
            var detail = Text(root, "detail");
            var text = new StringBuilder();
            text.Append(title ?? reason);
            if (detail is not null && detail != title)
            {
                text.Append(": ").Append(detail);
            }
            if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
            {
                foreach (var field in errors.EnumerateObject())
                {
                    var messages = field.Value.ValueKind == JsonValueKind.Array
                        ? string.Join(" ", field.Value.EnumerateArray().Select(m => m.ToString()))
                        : field.Value.ToString();
                    text.Append($"{Environment.NewLine}  {field.Name}: {messages}");
                }
            }
            if (title is not null)
            {
                text.Insert(title.Length, $" (HTTP {code})");
            }
            if (code == 401)
            {
                text.Append(" Sign in with 'magichub login', or pass --token / --api-key.");
            }
            return text.ToString();
        }
        catch (JsonException)
        {
            return $"{reason}: {Shorten(body)}";
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    private static string ReasonPhrase(HttpStatusCode status) =>
        Enum.IsDefined(status) ? System.Text.RegularExpressions.Regex.Replace(status.ToString(), "(?<=[a-z])(?=[A-Z])", " ") : "";

    private static string Shorten(string body)
    {
        var line = body.ReplaceLineEndings(" ").Trim();
        return line.Length > 200 ? line[..200] + "…" : line;
    }
}
