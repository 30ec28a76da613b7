using MagicHub.Identity;
using MagicHub.Identity.ApiKeys;
using MagicHub.Identity.Auth;
using MagicHub.Identity.Data;
using MagicHub.Identity.Invites;
using MagicHub.Identity.Keys;
using MagicHub.Identity.Sessions;
using MagicHub.Identity.Users;
using MagicHub.Persistence;
using MagicHub.Security;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

/// <summary>Registration of the identity service.</summary>
public static class IdentityServiceExtensions
{
    /// <summary>Adds the identity database, key store, token issuing and self-validation of its tokens.</summary>
    public static WebApplicationBuilder AddIdentityService(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<IdentityServiceOptions>().BindConfiguration(IdentityServiceOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<IdentityServiceOptions>, IdentityServiceOptionsValidator>();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<IdentityServiceOptions>>().Value);
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, IdentityJsonContext.Default));
        builder.AddServiceSqlDatabase<IdentityDb>("identity", IdentityDb.Upgrades);
        // The identity service needs no revocation poll: it checks its own sessions on every request.
        builder.AddPlatformSecurity(security => security.RevocationPollInterval = TimeSpan.Zero);
        builder.Services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, jwt =>
        {
            jwt.Events.OnTokenValidated = SessionCheck.ValidateAsync;
        });
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .PostConfigure<SigningKeyStore, SecurityOptions>((jwt, store, security) => jwt.ConfigurationManager = new StoreConfigurationManager(store, security));

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<SigningKeyStore>();
        builder.Services.AddSingleton<IPasswordHasher<User>, PasswordHasher<User>>();
        builder.Services.AddSingleton<PasswordSignIn>();
        builder.Services.AddSingleton<TokenService>();
        // The validation source generator only sees endpoints of the project that calls AddValidation.
        builder.Services.AddValidation();
        return builder;
    }
}
