using MagicHub.Identity.ApiKeys;
using MagicHub.Identity.Auth;
using MagicHub.Identity.Invites;
using MagicHub.Identity.Keys;
using MagicHub.Identity.Sessions;
using MagicHub.Identity.Users;

namespace MagicHub.Identity;

/// <summary>Maps every identity endpoint.</summary>
public static class IdentityApi
{
    /// <summary>Maps auth, profile, sessions, users, invites, API keys and the well-known documents.</summary>
    public static IEndpointRouteBuilder MapIdentityApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapWellKnownApi();
        endpoints.MapAuthApi();
        endpoints.MapServiceTokenApi();
        endpoints.MapMeApi();
        endpoints.MapSessionsApi();
        endpoints.MapUsersApi();
        endpoints.MapInvitesApi();
        endpoints.MapApiKeysApi();
        return endpoints;
    }
}
