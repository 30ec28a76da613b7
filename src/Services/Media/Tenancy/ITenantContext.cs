namespace MagicHub.Media.Tenancy;

/// <summary>The tenant the current request acts for; every query of the media database is filtered by it.</summary>
public interface ITenantContext
{
    /// <summary>The tenant id; <c>default</c> when the request names none.</summary>
    string TenantId { get; }
}
