using Matching.Contracts;
using Matching.Contracts.Coordinators;
using Matching.Contracts.Programs;
using Matching.Platform.Auth;
using Matching.Platform.Data;
using Matching.Platform.Http;
using Matching.Platform.Messaging;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Programs.Accounts;

/// <summary>
/// A recruiter user belongs to a firm of the program's registry (登録民間人材ビジネス事業者名簿, kept by Coordinators; Programs
/// keeps its names from <see cref="FirmRegistrationChanged"/>). A membership is given the firm's id, or its name: a name of
/// one firm of the registry becomes its id; a name the registry does not have is kept, and Coordinators is asked to enter
/// that firm (<see cref="RecruiterFirmNamed"/>), after which the membership is linked to it by id.
/// </summary>
internal static class RecruiterFirms
{
    public static readonly LocalizedText UnknownFirm = new(
        "この事業者はプログラムの登録事業者名簿にありません。事業者の ID か名簿にある名前を指定してください。",
        "This firm is not in the program's registry of recruiting firms. Give the firm's id or its name as registered.");
    public static readonly LocalizedText AmbiguousFirm = new(
        "同じ名前の事業者が名簿に複数あります。事業者の ID で指定してください。",
        "Several firms of the registry have this name. Give the firm's id.");

    internal const string FirmsSql = "SELECT firm_id AS FirmId, name AS Name FROM recruiting_firms WHERE program = @program";

    internal sealed record Entry(string FirmId, string Name);

    /// <summary>
    /// The memberships with each recruiter's firm as the registry's id where the registry has it; names it does not have
    /// are kept and announced. An id the registry does not have is refused.
    /// </summary>
    public static async Task<(IReadOnlyList<Membership> Memberships, ValidationProblem? Problem)> ResolveAsync(
        DatabaseTransaction tx, IReadOnlyList<Membership> memberships, DateTimeOffset now, CancellationToken ct)
    {
        var resolved = new List<Membership>(memberships.Count);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        // Each program's registry read once, whatever the number of memberships naming it.
        var registries = new Dictionary<string, IReadOnlyList<Entry>>(StringComparer.Ordinal);
        for (var i = 0; i < memberships.Count; i++)
        {
            var m = memberships[i];
            if (m.Role != ProgramRole.Recruiter || string.IsNullOrWhiteSpace(m.Firm))
            {
                resolved.Add(m with { Firm = m.Role == ProgramRole.Recruiter ? m.Firm : null, FirmName = null });
                continue;
            }
            if (!registries.TryGetValue(m.Program, out var firms))
                registries[m.Program] = firms = await tx.QueryAsync<Entry>(FirmsSql, new { program = m.Program }, ct);
            if (Guid.TryParse(m.Firm, out var id))
            {
                if (firms.Any(f => f.FirmId == id.ToString("D")))
                    resolved.Add(m with { Firm = id.ToString("D"), FirmName = null });
                else
                    errors[$"memberships[{i}].firm"] = [UnknownFirm.ToString()];
                continue;
            }
            var name = m.Firm.Trim();
            var same = firms.Where(f => KanaFolding.Fold(f.Name) == KanaFolding.Fold(name)).ToList();
            if (same.Count > 1)
            {
                errors[$"memberships[{i}].firm"] = [AmbiguousFirm.ToString()];
                continue;
            }
            if (same.Count == 0)
                await tx.Outbox.AddAsync(new RecruiterFirmNamed(EventIds.New(), m.Program, now, name), ct);
            resolved.Add(m with { Firm = same.Count == 1 ? same[0].FirmId : name, FirmName = null });
        }
        return (resolved, errors.Count == 0 ? null : Problems.Invalid(errors));
    }

    internal const string UnlinkedSql = """
        SELECT DISTINCT m.program AS Program, m.firm AS Firm
          FROM memberships m LEFT JOIN recruiting_firms f ON f.program = m.program AND f.firm_id = m.firm
         WHERE m.role = 'recruiter' AND m.firm IS NOT NULL AND f.firm_id IS NULL
        """;

    internal const string LinkSql = """
        UPDATE memberships SET firm = @firmId WHERE program = @program AND role = 'recruiter' AND firm = @name
        """;

    private sealed record Unlinked(string Program, string Firm);

    /// <summary>
    /// At start: memberships that still name their firm (made before the registry, or before Coordinators entered it) are
    /// linked where the registry's copy has the name once, and announced again otherwise. Repeats are harmless.
    /// </summary>
    public static async Task LinkOrAnnounceAsync(ServiceDatabase database, TimeProvider clock, CancellationToken ct)
    {
        await using var tx = await database.BeginAsync(ct);
        foreach (var unlinked in await tx.QueryAsync<Unlinked>(UnlinkedSql, null, ct))
        {
            if (Guid.TryParse(unlinked.Firm, out _))
                continue; // an id whose firm's event has not arrived yet: it links itself when it does
            var firms = await tx.QueryAsync<Entry>(FirmsSql, new { program = unlinked.Program }, ct);
            var same = firms.Where(f => KanaFolding.Fold(f.Name) == KanaFolding.Fold(unlinked.Firm)).ToList();
            if (same.Count == 1)
                await tx.ExecuteAsync(LinkSql, new { program = unlinked.Program, firmId = same[0].FirmId, name = unlinked.Firm }, ct);
            else if (same.Count == 0)
                await tx.Outbox.AddAsync(new RecruiterFirmNamed(EventIds.New(), unlinked.Program, clock.GetUtcNow(), unlinked.Firm.Trim()), ct);
        }
        await tx.CommitAsync(ct);
    }

    internal const string UpdateFirmSql = """
        UPDATE recruiting_firms SET name = @name, status = @status, version = @version
         WHERE program = @program AND firm_id = @firmId AND version < @version
        """;

    internal const string InsertFirmSql = """
        INSERT INTO recruiting_firms (program, firm_id, name, status, version) VALUES (@program, @firmId, @name, @status, @version)
        """;

    internal const string NamedSql = """
        SELECT DISTINCT firm AS Firm FROM memberships WHERE program = @program AND role = 'recruiter' AND firm IS NOT NULL
        """;

    /// <summary>Keeps the newest name and status of a firm, and links the memberships that named it.</summary>
    public static async Task ChangedAsync(DatabaseTransaction tx, FirmRegistrationChanged message, CancellationToken ct)
    {
        // Both versions only grow, so their sum orders every change of the firm and of this registration.
        var values = new
        {
            program = message.Program, firmId = message.FirmId.ToString("D"), name = message.Name, status = message.Status,
            version = (long)message.FirmVersion + message.RegistrationVersion,
        };
        var exists = await tx.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM recruiting_firms WHERE program = @program AND firm_id = @firmId", values, ct);
        if (exists == 0)
            await tx.ExecuteAsync(InsertFirmSql, values, ct);
        else
            await tx.ExecuteAsync(UpdateFirmSql, values, ct);
        var folded = KanaFolding.Fold(message.Name);
        foreach (var named in await tx.QueryAsync<string>(NamedSql, new { program = message.Program }, ct))
        {
            if (!Guid.TryParse(named, out _) && KanaFolding.Fold(named) == folded)
                await tx.ExecuteAsync(LinkSql, new { program = message.Program, firmId = values.firmId, name = named }, ct);
        }
    }
}

internal sealed class RecruiterFirmCopyConsumer(ServiceDatabase<ProgramsModule> database) : InboxConsumer<FirmRegistrationChanged>(database)
{
    protected override Task HandleAsync(DatabaseTransaction tx, FirmRegistrationChanged message, CancellationToken ct) =>
        RecruiterFirms.ChangedAsync(tx, message, ct);
}
