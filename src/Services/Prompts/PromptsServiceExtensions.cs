using MagicHub.Persistence;
using MagicHub.Prompts.Contracts;
using MagicHub.Prompts.Data;
using MagicHub.Prompts.Prompts;

namespace Microsoft.Extensions.Hosting;

/// <summary>Registration of the prompts service: its database, seeding, and prompt generation with the configured model (MagicHub.AI) or offline.</summary>
public static class PromptsServiceExtensions
{
    public static WebApplicationBuilder AddPrompts(this WebApplicationBuilder builder)
    {
        builder.AddServiceSqlDatabase<PromptsDb>("prompts");
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, PromptsJsonContext.Default));
        // Tokens are required (health, metrics and docs aside); the registry itself is platform-wide, not per tenant.
        builder.AddPlatformSecurity();
        builder.AddChatModel();
        builder.Services.AddSingleton<ModelPromptGenerator>();
        builder.Services.AddSingleton<PairLocks>();
        builder.Services.AddScoped<PromptStore>();
        // Runs right after the schema is created or upgraded, before the database counts as ready.
        builder.Services.AddScoped<ISqlDatabaseSeeder<PromptsDb>, PromptSeeder>();
        return builder;
    }
}
