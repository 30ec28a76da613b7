using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MagicHub.Prompts.Contracts;

namespace MagicHub.Extraction.Schema;

/// <summary>
/// Checks <c>domain_specific_data</c> against a prompt's field schema: keeps only schema fields, coerces values to
/// their type ("$45.00" → 45, "yes" → true, enum spelled differently → canonical value), drops what cannot be coerced
/// and reports every problem.
/// </summary>
public static partial class SchemaValidator
{
    public static (JsonObject Data, List<string> Problems) Validate(JsonObject? raw, IReadOnlyList<PromptField> fields)
    {
        var data = new JsonObject();
        var problems = new List<string>();
        foreach (var f in fields)
        {
            var node = raw?[f.Name];
            if (node is null || (node is JsonValue v0 && v0.TryGetValue<string>(out var s0) && string.IsNullOrWhiteSpace(s0)))
            {
                data[f.Name] = null;
                if (f.Required) problems.Add($"Required field '{f.Name}' was not found.");
                continue;
            }
            var coerced = Coerce(f, node);
            if (coerced is null) problems.Add($"Field '{f.Name}' value does not fit type '{f.Type}' and was dropped.");
            data[f.Name] = coerced;
        }
        if (raw is not null)
            foreach (var extra in raw.Select(p => p.Key).Where(k => fields.All(f => f.Name != k)))
                problems.Add($"Field '{extra}' is not in the schema and was ignored.");
        return (data, problems);
    }

    private static JsonNode? Coerce(PromptField f, JsonNode node)
    {
        var text = node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>().Trim() : node.ToJsonString().Trim('"');
        switch (f.Type)
        {
            case FieldTypes.Number:
            case FieldTypes.Money:
                var cleaned = NonNumeric().Replace(text, "");
                return decimal.TryParse(cleaned, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? JsonValue.Create(d) : null;
            case FieldTypes.Boolean:
                return text.ToLowerInvariant() switch
                {
                    "true" or "yes" or "y" or "1" => JsonValue.Create(true),
                    "false" or "no" or "n" or "0" => JsonValue.Create(false),
                    _ => null,
                };
            case FieldTypes.Enum:
                var match = f.EnumValues?.FirstOrDefault(e => Canon(e) == Canon(text));
                return match is null ? null : JsonValue.Create(match);
            case FieldTypes.Email:
                return EmailPattern().IsMatch(text) ? JsonValue.Create(text.ToLowerInvariant()) : null;
            case FieldTypes.Phone:
                var digits = new string(text.Where(char.IsDigit).ToArray());
                return digits.Length is >= 7 and <= 15 ? JsonValue.Create(digits) : null;
            case FieldTypes.Time:
                return TimePattern().IsMatch(text) ? JsonValue.Create(NormalizeTime(text)) : null;
            default:
                return node is JsonObject or JsonArray ? null : JsonValue.Create(text);
        }
    }

    private static string NormalizeTime(string text)
    {
        var m = TimePattern().Match(text);
        var h = int.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture);
        var min = m.Groups["m"].Success ? int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture) : 0;
        var mer = m.Groups["mer"].Value.ToLowerInvariant();
        if (mer.StartsWith('p') && h < 12) h += 12;
        if (mer.StartsWith('a') && h == 12) h = 0;
        return h < 24 && min < 60 ? $"{h:00}:{min:00}" : text;
    }

    private static string Canon(string s) => NonWord().Replace(s.ToLowerInvariant(), "");

    [GeneratedRegex(@"[^\d.\-]")]
    private static partial Regex NonNumeric();

    [GeneratedRegex(@"[^a-z0-9]")]
    private static partial Regex NonWord();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", RegexOptions.IgnoreCase)]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^(?<h>\d{1,2})(?::(?<m>\d{2}))?\s*(?<mer>[ap]\.?m\.?)?$", RegexOptions.IgnoreCase)]
    private static partial Regex TimePattern();
}
