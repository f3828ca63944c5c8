using System.Security.Claims;

namespace Matching.Platform.Auth;

/// <summary>What a user does in one program.</summary>
public enum ProgramRole
{
    /// <summary>コーディネーター / 戦略マネージャー: visits companies, logs consultations, hands needs to recruiters.</summary>
    Coordinator,

    /// <summary>登録民間人材ビジネス事業者: a user of one registered recruiting firm.</summary>
    Recruiter,

    /// <summary>事務局: the program office that owns the KPIs and reports.</summary>
    Office,
}

/// <summary>A coordinator's level (メイン / サブ / アシスタント; 戦略マネージャー / サブマネージャー / アシスタント).</summary>
public enum CoordinatorLevel
{
    Main,
    Sub,
    Assistant,
}

/// <summary>A user's role in one program; a recruiter also belongs to a firm of the program's registry.</summary>
/// <param name="Firm">A recruiter's firm (登録民間人材ビジネス事業者): its id in the registry. In a request it may also be the
/// firm's exact name; a name the registry does not have yet is kept until Coordinators has entered that firm.</param>
/// <param name="FirmName">The firm's name, as the registry has it (read only: the service fills it in).</param>
public sealed record Membership(string Program, ProgramRole Role, CoordinatorLevel? Level = null, string? Firm = null, string? FirmName = null);

/// <summary>
/// The signed-in user as every service sees it: who, whether an operator (admin), and the programs they belong to.
/// </summary>
public sealed record MatchingUser(Guid Id, string UserName, string DisplayName, bool IsAdmin, IReadOnlyList<Membership> Memberships)
{
    public Membership? MembershipOf(string program) =>
        Memberships.FirstOrDefault(m => string.Equals(m.Program, program, StringComparison.Ordinal));
}

/// <summary>The identity the authentication handler gives a request: claims for the framework, the user for us.</summary>
public sealed class MatchingIdentity(MatchingUser user, string method) : ClaimsIdentity(
    [
        new Claim(ClaimTypes.NameIdentifier, user.Id.ToString()),
        new Claim(ClaimTypes.Name, user.UserName),
    ],
    method)
{
    public MatchingUser User { get; } = user;
}

public static class MatchingUserExtensions
{
    /// <summary>The signed-in user of this request, or null.</summary>
    public static MatchingUser? MatchingUser(this ClaimsPrincipal principal) =>
        principal.Identities.OfType<MatchingIdentity>().FirstOrDefault()?.User;
}
