using System.Diagnostics.CodeAnalysis;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Metadata.Conventions;

namespace MagicHub.Security.Tenancy;

/// <summary>
/// Adds <c>e =&gt; e.TenantId == context.CurrentTenantId</c> to every root entity type implementing
/// <see cref="ITenantOwned"/> once the model is complete, whatever order the context configured it in.
/// The context appears as a constant, which EF Core replaces with the executing context, so each query
/// is filtered by the tenant of the context that runs it.
/// </summary>
// EF Core itself is neither trim nor AOT compatible (its DbContext constructor says so); services with a database are not published Native AOT.
[RequiresUnreferencedCode("EF Core is not compatible with trimming.")]
[RequiresDynamicCode("EF Core is not compatible with Native AOT.")]
internal sealed class TenantQueryFilterConvention(TenantDbContext context) : IModelFinalizingConvention
{
    public void ProcessModelFinalizing(IConventionModelBuilder modelBuilder, IConventionContext<IConventionModelBuilder> conventionContext)
    {
        foreach (var entityType in modelBuilder.Metadata.GetEntityTypes())
        {
            if (entityType.BaseType is not null || entityType.IsOwned() || !typeof(ITenantOwned).IsAssignableFrom(entityType.ClrType))
            {
                continue;
            }
            var entity = Expression.Parameter(entityType.ClrType, "e");
            var body = Expression.Equal(
                Expression.Property(entity, nameof(ITenantOwned.TenantId)),
                Expression.Property(Expression.Constant(context, context.GetType()), nameof(TenantDbContext.CurrentTenantId)));
            entityType.Builder.HasQueryFilter(Expression.Lambda(body, entity));
        }
    }
}
