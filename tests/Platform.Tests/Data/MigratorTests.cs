using Matching.Platform.Data;

namespace Matching.Platform.Tests.Data;

public sealed class MigratorTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Migrations_are_applied_once_and_recorded(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);

        await Migrator.ApplyAsync(test.Database, "platform", typeof(SqlDialect).Assembly, CancellationToken.None);

        var versions = await test.Database.QueryAsync<int>(
            "SELECT version FROM schema_migrations WHERE scope = 'platform' ORDER BY version", null, CancellationToken.None);
        var expected = Migrator.ScriptsOf(typeof(SqlDialect).Assembly, test.Database.Dialect).Select(s => s.Version);
        Assert.Equal(expected, versions);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Replicas_starting_together_migrate_once(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var assembly = typeof(Programs.ProgramsModule).Assembly;

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Migrator.ApplyAsync(test.Database, "programs", assembly, CancellationToken.None)));

        var applied = await test.Database.ExecuteScalarAsync<int>(
            "SELECT COUNT(*) FROM schema_migrations WHERE scope = 'programs'", null, CancellationToken.None);
        Assert.Equal(Migrator.ScriptsOf(assembly, test.Database.Dialect).Count, applied);
    }
}
