using Matching.Platform.Http;

namespace Matching.Programs.Accounts;

internal static class AccountTexts
{
    public static readonly LocalizedText UserName = new("ユーザー名", "User name");
    public static readonly LocalizedText Password = new("パスワード", "Password");
    public static readonly LocalizedText DisplayName = new("表示名", "Display name");
    public static readonly LocalizedText TokenName = new("トークン名", "Token name");
    public static readonly LocalizedText Program = new("プログラム", "Program");
    public static readonly LocalizedText Firm = new("人材紹介事業者名", "Recruiting firm");
    public static readonly LocalizedText Email = new("通知先メールアドレス", "Notification e-mail address");
    public static readonly LocalizedText EmailInvalid = new(
        "メールアドレスの形式が正しくありません（例: sato@example.jp）。", "The e-mail address is not valid (e.g. sato@example.jp).");
    public static readonly LocalizedText ExpiresInDays = new("有効日数", "Days valid");

    // Also the answer for a locked account: a different one would tell which user names exist.
    public static readonly LocalizedText WrongCredentials = new(
        "ユーザー名またはパスワードが正しくありません。失敗が続いた場合、アカウントはしばらくロックされます。",
        "The user name or password is wrong. After repeated failures the account is locked for a while.");
    public static readonly LocalizedText PasswordTooShort = new("パスワードは {0} 文字以上にしてください。", "The password must be at least {0} characters long.");
    public static readonly LocalizedText PasswordTooLong = new("パスワードは {0} 文字以内にしてください。", "The password must be at most {0} characters long.");
    public static readonly LocalizedText PasswordIsUserName = new(
        "ユーザー名や表示名と同じパスワードは使えません。", "The password must differ from the user name and the display name.");
    public static readonly LocalizedText PasswordOneCharacter = new(
        "同じ文字を繰り返しただけのパスワードは使えません。", "A password of one character repeated is not allowed.");
    public static readonly LocalizedText PasswordCommon = new(
        "よく使われていて推測されやすいパスワードです。別のパスワードにしてください。",
        "This password is among the most commonly used and easily guessed: please choose another.");
    public static readonly LocalizedText UserNameShape = new(
        "ユーザー名は半角英数字と . _ - の 3〜100 文字にしてください。", "The user name is 3–100 letters, digits, '.', '_' or '-'.");
    public static readonly LocalizedText UserNameTaken = new("このユーザー名は既に使われています。", "This user name is taken.");
    public static readonly LocalizedText UnknownUser = new("ユーザーが見つかりません。", "The user does not exist.");
    public static readonly LocalizedText UnknownToken = new("トークンが見つかりません。", "The token does not exist.");
    public static readonly LocalizedText FirmRequired = new("人材紹介事業者のユーザーには事業者名が必要です。", "A recruiter needs the name of the recruiting firm.");
    public static readonly LocalizedText LevelOnlyForCoordinators = new("レベルはコーディネーターにだけ設定できます。", "Only coordinators have a level.");
    public static readonly LocalizedText DuplicateProgram = new("同じプログラムが2回指定されています。", "The same program is listed twice.");
}
