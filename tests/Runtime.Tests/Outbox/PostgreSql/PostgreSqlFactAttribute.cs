namespace TypedFga.Runtime.Tests.Outbox.PostgreSql;

/// <summary>
/// A test that needs a PostgreSQL server, named by the connection string in <c>TYPEDFGA_POSTGRES</c> (CI starts a
/// throwaway cluster and sets it): reported as skipped, with the reason, when none is configured. With
/// <c>TYPEDFGA_REQUIRE_POSTGRES=1</c> (as in CI) it is never skipped, and a missing server fails it.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class PostgreSqlFactAttribute : FactAttribute
{
    public PostgreSqlFactAttribute() => Skip = PostgreSqlServer.SkipReason;
}
