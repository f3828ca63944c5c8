using Matching.Platform.Http;

namespace Matching.Platform.Auth;

public static class AuthTexts
{
    public static readonly LocalizedText SignInRequired = new("サインインしてください。", "Please sign in.");
    public static readonly LocalizedText Forbidden = new("この操作を行う権限がありません。", "You are not allowed to do this.");
    public static readonly LocalizedText NoRule = new("この操作の権限規則が定義されていません。", "No access rule is declared for this operation.");
}
