using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MagicHub.Persistence;

/// <summary>
/// The <c>database</c> readiness check: unhealthy while the schema is being created or upgraded (or when that failed),
/// then whether <typeparamref name="TContext"/> can connect.
/// </summary>
internal sealed class DatabaseHealthCheck<TContext>(SchemaReadiness<TContext> readiness, IServiceScopeFactory scopes) : IHealthCheck
    where TContext : DbContext
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (readiness.Failure is { } failure)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "The database schema could not be created or upgraded.", failure);
        }
        if (readiness.IsRunning)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "The database schema is being created or upgraded.");
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        return await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : new HealthCheckResult(context.Registration.FailureStatus, "Cannot connect to the database.");
    }
}
