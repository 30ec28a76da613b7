using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MagicHub.Persistence;

/// <summary>
/// The <c>database</c> readiness check: unhealthy while the schema is being created or upgraded (or when that failed),
/// then whether a connection opens.
/// </summary>
internal sealed class DatabaseHealthCheck<TDatabase>(SchemaReadiness<TDatabase> readiness, SchemaMigrationPlan<TDatabase> plan) : IHealthCheck
    where TDatabase : class
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
        // An existing SQLite file only: the check must not create an empty database.
        await using var connection = plan.CreateConnection(existingOnly: true);
        await connection.OpenAsync(cancellationToken);
        return HealthCheckResult.Healthy();
    }
}
