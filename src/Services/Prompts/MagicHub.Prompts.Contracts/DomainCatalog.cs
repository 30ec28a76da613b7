using System.Text.Json;
using System.Text.Json.Serialization;

namespace MagicHub.Prompts.Contracts;

/// <summary>The registry of known business domains and their call categories, as served by <c>GET /domains</c>.</summary>
/// <param name="Domains">Every known domain with its categories.</param>
public sealed record DomainCatalog([property: JsonPropertyName("domains")] IReadOnlyList<DomainInfo> Domains)
{
    private static readonly Lazy<DomainCatalog> BuiltIn = new(LoadBuiltIn);

    /// <summary>The default taxonomy shipped with the platform; the prompts service seeds from it and other services fall back to it.</summary>
    public static DomainCatalog Default => BuiltIn.Value;

    private static DomainCatalog LoadBuiltIn()
    {
        using var stream = typeof(DomainCatalog).Assembly.GetManifestResourceStream("MagicHub.Prompts.Contracts.taxonomy.json")
            ?? throw new InvalidOperationException("The built-in taxonomy resource is missing.");
        return JsonSerializer.Deserialize(stream, PromptsJsonContext.Default.DomainCatalog)
            ?? throw new InvalidOperationException("The built-in taxonomy resource is empty.");
    }
}

/// <summary>A business domain such as <c>banking</c>.</summary>
/// <param name="Domain">Lower-case identifier, e.g. <c>banking</c>.</param>
/// <param name="Description">What conversations of this domain are about.</param>
/// <param name="Categories">The call categories of the domain.</param>
public sealed record DomainInfo(
    [property: JsonPropertyName("domain")] string Domain,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("categories")] IReadOnlyList<CategoryInfo> Categories);

/// <summary>A call category within a domain, such as <c>card_replacement</c> in banking.</summary>
/// <param name="Category">Lower-case snake_case identifier.</param>
/// <param name="Description">What a call of this category is about.</param>
/// <param name="Keywords">Words and phrases typical of such calls; used by the offline classifier.</param>
public sealed record CategoryInfo(
    [property: JsonPropertyName("category")] string Category,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("keywords")] IReadOnlyList<string> Keywords);
