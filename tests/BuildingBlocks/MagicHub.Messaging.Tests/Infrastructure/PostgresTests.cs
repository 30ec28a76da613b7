using MagicHub.Testing;

namespace MagicHub.Messaging.Tests.Infrastructure;

/// <summary>One PostgreSQL server for every test class of the "postgres" collection.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresTests : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}
