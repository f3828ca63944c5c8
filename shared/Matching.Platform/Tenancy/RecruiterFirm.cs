using Matching.Platform.Auth;
using Matching.Platform.Data;

namespace Matching.Platform.Tenancy;

/// <summary>A recruiting firm of the program as the service's copy (<see cref="FirmRegistrationCopyConsumer{TService}"/>) holds it.</summary>
public sealed class RecruiterFirm
{
    public Guid Id { get; init; }

    public string Name { get; init; } = "";

    public string Status { get; init; } = "";

    public bool IsRegistered => Status == "registered";

    internal const string ByIdSql = "SELECT id AS Id, name AS Name, status AS Status FROM firms WHERE program = @program AND id = @id";

    internal const string ByNameSql = "SELECT id AS Id, name AS Name, status AS Status FROM firms WHERE program = @program AND name = @name";

    public static Task<RecruiterFirm?> GetAsync(DatabaseTransaction tx, string program, Guid id, CancellationToken ct) =>
        tx.QuerySingleOrDefaultAsync<RecruiterFirm>(ByIdSql, new { program, id }, ct);

    /// <summary>
    /// The firm a recruiter belongs to: its membership names the firm by id, or (memberships made before the registry) by its
    /// name. Null for anyone else, and for a recruiter whose firm the program's registry does not hold.
    /// </summary>
    public static async Task<RecruiterFirm?> OfAsync(DatabaseTransaction tx, string program, MatchingUser? user, CancellationToken ct)
    {
        if (user?.MembershipOf(program) is not { Role: ProgramRole.Recruiter, Firm: { Length: > 0 } firm })
            return null;
        if (Guid.TryParse(firm, out var id))
            return await GetAsync(tx, program, id, ct);
        var byName = await tx.QueryAsync<RecruiterFirm>(ByNameSql, new { program, name = firm.Trim() }, ct);
        return byName.Count == 1 ? byName[0] : null;
    }
}
