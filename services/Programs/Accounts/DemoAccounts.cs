using Matching.Platform.Auth;
using Matching.Programs.Registry;

namespace Matching.Programs.Accounts;

/// <summary>
/// Sign-ins a newcomer can use at once (demo mode only, never in production configuration; listed in the README).
/// </summary>
public static class DemoAccounts
{
    public const string Password = "matching-demo";

    public static readonly IReadOnlyList<(string UserName, string DisplayName, bool IsAdmin, Membership? Membership)> Users =
    [
        ("admin", "システム管理者", true, null),
        ("coordinator", "山田 太郎", false, new Membership(DemoProgram.Slug, ProgramRole.Coordinator, CoordinatorLevel.Main)),
        ("assistant", "佐藤 花子", false, new Membership(DemoProgram.Slug, ProgramRole.Coordinator, CoordinatorLevel.Assistant)),
        ("recruiter", "鈴木 一郎", false, new Membership(DemoProgram.Slug, ProgramRole.Recruiter, null, "北海道キャリアパートナーズ株式会社")),
        ("office", "高橋 美咲", false, new Membership(DemoProgram.Slug, ProgramRole.Office)),
    ];

    internal static async Task EnsureAsync(AccountStore store, CancellationToken ct)
    {
        var hash = AccountStore.HashPassword(Password);
        await using var tx = await store.Database.BeginAsync(ct);
        foreach (var (userName, displayName, isAdmin, membership) in Users)
        {
            if (await store.FindByNameAsync(tx, userName, ct) is null)
            {
                // The demo recruiter names its firm: Coordinators' demo registry has it, and the membership is linked to it.
                var (memberships, _) = await RecruiterFirms.ResolveAsync(tx, membership is null ? [] : [membership], DateTimeOffset.UtcNow, ct);
                await store.CreateUserAsync(tx, userName, displayName, hash, isAdmin, memberships, ct);
            }
        }
        await tx.CommitAsync(ct);
    }
}
