using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.OpenApi;

namespace MagicHub.ServiceDefaults;

/// <summary>Documents listed by the Swagger UI at <c>/docs</c> beside the service's own (the gateway lists every service's).</summary>
public sealed class ApiDocsOptions
{
    /// <summary>Extra documents: display name and URL.</summary>
    public IList<KeyValuePair<string, string>> Documents { get; } = [];
}

/// <summary>OpenAPI document at <c>/openapi/v1.json</c> and the interactive Swagger UI at <c>/docs</c>.</summary>
public static class ApiDocsExtensions
{
    /// <summary>Header the gateway sets to the path prefix it removed, so the document's server URL works through it.</summary>
    public const string ForwardedPrefixHeader = "X-Forwarded-Prefix";

    /// <summary>Registers the OpenAPI document of the service.</summary>
    public static IHostApplicationBuilder AddApiDocs(this IHostApplicationBuilder builder, string serviceName)
    {
        builder.Services.AddOpenApi(options => options.AddDocumentTransformer((document, context, _) =>
        {
            document.Info.Title = $"MagicHub {serviceName}";
            document.Info.Version = typeof(ApiDocsExtensions).Assembly.GetName().Version?.ToString(3) ?? "0.1.0";
            var prefix = context.ApplicationServices.GetService<IHttpContextAccessor>()?.HttpContext?.Request.Headers[ForwardedPrefixHeader].FirstOrDefault();
            if (!string.IsNullOrEmpty(prefix))
            {
                document.Servers = [new OpenApiServer { Url = prefix }];
            }
            return Task.CompletedTask;
        }));
        builder.Services.AddHttpContextAccessor();
        return builder;
    }

    /// <summary>Where the Swagger UI is served.</summary>
    private const string DocsPath = "/docs";

    /// <summary>Maps the document and the UI.</summary>
    public static WebApplication MapApiDocs(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json");
        var extra = app.Services.GetService<Microsoft.Extensions.Options.IOptions<ApiDocsOptions>>()?.Value.Documents ?? [];
        // Only requests under /docs enter the UI's middleware: it matches every request's path against its own regular
        // expressions, a cost the API's hot path (the gateway's proxying above all) should not pay.
        app.UseWhen(context => context.Request.Path.StartsWithSegments(DocsPath), docs => docs.UseSwaggerUI(options =>
        {
            options.RoutePrefix = DocsPath[1..];
            options.DocumentTitle = $"{app.Environment.ApplicationName} API";
            options.SwaggerEndpoint("../openapi/v1.json", app.Environment.ApplicationName);
            foreach (var (name, url) in extra)
            {
                options.SwaggerEndpoint(url, name);
            }
        }));
        return app;
    }
}
