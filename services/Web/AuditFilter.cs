namespace Matching.Web;

/// <summary>The audit log screens' filters, as the query string carries them and as the API takes them.</summary>
public sealed class AuditFilter
{
    public string? Action { get; set; }

    public string? User { get; set; }

    public string? From { get; set; }

    public string? To { get; set; }

    public static readonly IReadOnlyList<(string Value, string Ja, string En)> Actions =
    [
        ("signed-in", "サインイン", "Signed in"),
        ("sign-in-failed", "サインイン失敗", "Sign-in failed"),
        ("locked-out", "ロック", "Locked out"),
        ("signed-out", "サインアウト", "Signed out"),
        ("refused", "アクセス拒否", "Refused"),
        ("user-created", "ユーザー追加", "User added"),
        ("roles-changed", "役割の変更", "Roles changed"),
        ("password-changed", "パスワード変更", "Password changed"),
        ("unlocked", "ロック解除", "Unlocked"),
        ("deactivated", "アカウント無効化", "Deactivated"),
        ("activated", "アカウント有効化", "Activated"),
        ("token-created", "API トークン発行", "Token created"),
        ("token-revoked", "API トークン失効", "Token revoked"),
        ("personal-data-read", "個人情報の閲覧", "Personal data read"),
        ("personal-data-erased", "個人データの消去", "Personal data erased"),
        ("personal-data-disclosed", "保有個人データの開示", "Personal data disclosed to the person"),
        ("program-renamed", "プログラム名の変更", "Program renamed"),
    ];

    public static string Label(string action) =>
        Actions.FirstOrDefault(a => a.Value == action) is { Value: not null } a ? Ui.L(a.Ja, a.En) : action;

    /// <summary>The query string of the filters and a page, for the API and for the page's own links.</summary>
    public string Query(int page)
    {
        var parts = new List<string> { $"page={page}", "pageSize=50" };
        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
                parts.Add($"{name}={Uri.EscapeDataString(value.Trim())}");
        }
        Add("action", Action);
        Add("user", User);
        Add("from", From);
        Add("to", To);
        return string.Join('&', parts);
    }
}
