using System.Collections.Concurrent;
using Matching.Platform.Data;

namespace Matching.Platform.Tenancy;

/// <summary>
/// The programs (tenants) a service knows, kept in its own <c>programs</c> table. Programs are never deleted,
/// so a program once seen is remembered in memory and later requests skip the query.
/// </summary>
public sealed class ProgramDirectory(ServiceDatabase database)
{
    internal const string ExistsSql = "SELECT COUNT(*) FROM programs WHERE slug = @slug";
    internal const string InsertSql = "INSERT INTO programs (slug, name, created_at) VALUES (@slug, @name, @createdAt)";

    private readonly ConcurrentDictionary<string, bool> known = new(StringComparer.Ordinal);

    public ServiceDatabase Database => database;

    public async Task<bool> ExistsAsync(string slug, CancellationToken ct)
    {
        if (known.ContainsKey(slug))
            return true;
        var exists = await database.ExecuteScalarAsync<int>(
            ExistsSql, new { slug }, ct) > 0;
        if (exists)
            known.TryAdd(slug, true);
        return exists;
    }

    /// <summary>The program's name as this service's copy holds it, or null for a program it does not know.</summary>
    public static Task<string?> NameAsync(ServiceDatabase database, string slug, CancellationToken ct) =>
        database.QuerySingleOrDefaultAsync<string>("SELECT name FROM programs WHERE slug = @slug", new { slug }, ct);

    /// <summary>Whether the program is known, read inside the caller's transaction.</summary>
    public static async Task<bool> ExistsAsync(DatabaseTransaction tx, string slug, CancellationToken ct) =>
        await tx.ExecuteScalarAsync<int>(ExistsSql, new { slug }, ct) > 0;

    /// <summary>Adds the program unless present; true when it was new.</summary>
    public static async Task<bool> AddAsync(DatabaseTransaction tx, string slug, string name, DateTimeOffset createdAt, CancellationToken ct)
    {
        var exists = await tx.ExecuteScalarAsync<int>(ExistsSql, new { slug }, ct) > 0;
        if (exists)
            return false;
        await tx.ExecuteAsync(
            InsertSql,
            new { slug, name, createdAt }, ct);
        return true;
    }
}
