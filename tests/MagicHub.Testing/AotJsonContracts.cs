using System.IO.Pipelines;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MagicHub.Testing;

/// <summary>
/// What a service's Native AOT image needs of its HTTP JSON options, checked on the JIT: tests run with reflection-based
/// JSON, which serializes any type, while the AOT image has only the source-generated contracts; a type an endpoint reads
/// or writes that no generated resolver covers works in every test and fails only in the published image.
/// </summary>
public static class AotJsonContracts
{
    // Bodies that are not JSON: raw streams, forms, files and plain text.
    private static readonly Type[] NotJson =
        [typeof(Stream), typeof(PipeReader), typeof(IFormFile), typeof(IFormFileCollection), typeof(IFormCollection), typeof(string), typeof(byte[])];

    /// <summary>
    /// The request and response types declared by the endpoints of <paramref name="services"/> (their metadata, as
    /// OpenAPI sees them) for which no resolver of the HTTP JSON options but the reflection-based one has a contract.
    /// </summary>
    public static IReadOnlyList<Type> Missing(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var generated = options.TypeInfoResolverChain.Where(resolver => resolver is not DefaultJsonTypeInfoResolver).ToList();
        return [.. DeclaredTypes(services)
            .Where(type => !generated.Any(resolver => resolver.GetTypeInfo(type, options) is not null))
            .OrderBy(type => type.FullName, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Throws, naming them, when an endpoint type of <paramref name="services"/> lacks a generated contract (see
    /// <see cref="Missing"/>), or when the endpoints declare no JSON type at all (the check would then prove nothing).
    /// </summary>
    public static void EnsureCovered(IServiceProvider services)
    {
        if (DeclaredTypes(services).Count == 0)
        {
            throw new InvalidOperationException("No endpoint declares a JSON request or response type.");
        }
        if (Missing(services) is { Count: > 0 } missing)
        {
            throw new InvalidOperationException(
                "No source-generated JSON contract in the HTTP JSON options for: " + string.Join(", ", missing.Select(type => type.FullName)));
        }
    }

    /// <summary>Every type an endpoint declares it accepts or produces, JSON bodies only.</summary>
    public static IReadOnlyList<Type> DeclaredTypes(IServiceProvider services)
    {
        var endpoints = services.GetRequiredService<EndpointDataSource>().Endpoints;
        return [.. endpoints
            .SelectMany(endpoint => endpoint.Metadata.OfType<IProducesResponseTypeMetadata>().Select(produces => produces.Type)
                .Concat(endpoint.Metadata.OfType<IAcceptsMetadata>().Select(accepts => accepts.RequestType)))
            .OfType<Type>()
            .Where(type => type != typeof(void) && !NotJson.Any(notJson => notJson.IsAssignableFrom(type)))
            .Distinct()];
    }
}
