using MagicHub.Calls.Data;
using MagicHub.Persistence;

namespace Microsoft.Extensions.Hosting;

/// <summary>Registration of the calls service.</summary>
public static class CallsServiceExtensions
{
    /// <summary>Adds the calls database and its services.</summary>
    public static WebApplicationBuilder AddCalls(this WebApplicationBuilder builder)
    {
        builder.AddServiceDatabase<CallsDb>("calls", CallsDb.Upgrades);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddPlatformSecurity();
        // The validation source generator only sees endpoints of the project that calls AddValidation.
        builder.Services.AddValidation();
        return builder;
    }
}
