using System.Text.Json.Serialization;

namespace MagicHub.Prompts.Contracts;

/// <summary>One field of an extraction prompt's schema.</summary>
/// <param name="Name">snake_case key in <c>domain_specific_data</c>.</param>
/// <param name="Type">One of <see cref="FieldTypes.All"/>.</param>
/// <param name="Description">What the value means; the offline extractor also reads its words as cues.</param>
/// <param name="Required">Whether a call of this category is expected to contain the value.</param>
/// <param name="EnumValues">Allowed values when <paramref name="Type"/> is <c>enum</c>.</param>
public sealed record PromptField(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("required")] bool Required = false,
    [property: JsonPropertyName("enum_values")] IReadOnlyList<string>? EnumValues = null);

/// <summary>The field types a prompt schema may use.</summary>
public static class FieldTypes
{
    public const string Text = "string";
    public const string Number = "number";
    public const string Money = "money";
    public const string Date = "date";
    public const string Time = "time";
    public const string Phone = "phone";
    public const string Email = "email";
    public const string Enum = "enum";
    public const string Boolean = "boolean";

    /// <summary>Every allowed type name.</summary>
    public static IReadOnlyList<string> All { get; } = [Text, Number, Money, Date, Time, Phone, Email, Enum, Boolean];
}
