using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;

namespace MagicHub.Security.Authentication;

/// <summary>
/// The fallback requirement of every service: the request is on a public path, or the caller is authenticated.
/// Endpoints with their own policy or <c>[AllowAnonymous]</c> are not affected.
/// </summary>
/// <param name="publicPaths">Paths served without a token.</param>
public sealed class PublicPathOrAuthenticatedRequirement(IEnumerable<string> publicPaths)
    : AuthorizationHandler<PublicPathOrAuthenticatedRequirement>, IAuthorizationRequirement
{
    private readonly PathPattern[] _patterns = publicPaths.Distinct(StringComparer.OrdinalIgnoreCase).Select(p => new PathPattern(p)).ToArray();

    /// <summary>The patterns of the public paths.</summary>
    public IReadOnlyList<PathPattern> Patterns => _patterns;

    /// <summary>Whether <paramref name="path"/> is public.</summary>
    public bool IsPublic(PathString path) => _patterns.Any(p => p.Matches(path.Value));

    /// <inheritdoc />
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PublicPathOrAuthenticatedRequirement requirement)
    {
        var path = context.Resource switch
        {
            HttpContext http => http.Request.Path,
            _ => PathString.Empty,
        };
        if (context.User.Identity?.IsAuthenticated == true || requirement.IsPublic(path))
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}
