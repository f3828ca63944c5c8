namespace Matching.Platform.Http;

/// <summary>Messages of the mechanisms every service shares.</summary>
public static class PlatformTexts
{
    public static readonly LocalizedText ValidationFailed = new("入力内容に誤りがあります。", "One or more fields are invalid.");
    public static readonly LocalizedText MalformedBody = new("リクエスト本文を JSON として読み取れません。", "The request body is not valid JSON.");
    public static readonly LocalizedText InvalidValue = new("値の形式が正しくありません。", "The value has the wrong format.");
    public static readonly LocalizedText MissingBody = new("リクエスト本文がありません。", "The request body is missing.");
    public static readonly LocalizedText BodyTooLarge = new("リクエスト本文が大きすぎます。", "The request body is too large.");
    public static readonly LocalizedText BadRequest = new("リクエストが正しくありません。", "The request is not valid.");
    public static readonly LocalizedText Conflict = new("同じ内容のデータが既に登録されています。", "The same record already exists.");
    public static readonly LocalizedText NotFound = new("見つかりません。", "Not found.");
    public static readonly LocalizedText ServerError = new("サーバーでエラーが発生しました。時間をおいて再度お試しください。", "The server failed. Please try again later.");
    public static readonly LocalizedText UnknownProgram = new("プログラム「{0}」は登録されていません。", "Program '{0}' does not exist.");
    public static readonly LocalizedText ForbiddenCharacters = new(
        "制御文字（改行・タブは複数行の欄だけ）や文字の向きを変える記号（U+202A〜U+202E、U+2066〜U+2069）は使えません。",
        "Control characters (line breaks and tabs only in multi-line fields) and direction overrides (U+202A–U+202E, U+2066–U+2069) are not allowed.");
    public static readonly LocalizedText NullItem = new("一覧の要素に null は指定できません。", "A list item cannot be null.");
    public static readonly LocalizedText MethodNotAllowed = new("このメソッドは使えません。", "This method is not allowed here.");
    public static readonly LocalizedText UnsupportedMediaType = new("Content-Type は application/json にしてください。", "Send the body as application/json.");

    /// <summary>Titles for statuses the framework answers on its own.</summary>
    public static readonly IReadOnlyDictionary<int, LocalizedText> StatusTitles = new Dictionary<int, LocalizedText>
    {
        [400] = ValidationFailed,
        [404] = NotFound,
        [405] = MethodNotAllowed,
        [409] = Conflict,
        [413] = BodyTooLarge,
        [415] = UnsupportedMediaType,
        [500] = ServerError,
    };

    /// <summary>The English reason phrases and default titles ASP.NET Core puts in problems it writes itself.</summary>
    public static bool IsFrameworkTitle(string title) =>
        title is "One or more validation errors occurred." or "Bad Request" or "Not Found" or "Method Not Allowed" or "Conflict"
            or "Content Too Large" or "Payload Too Large" or "Unsupported Media Type" or "An error occurred while processing your request."
            or "Internal Server Error";

    public static readonly LocalizedText Required = new("{0}を入力してください。", "{0} is required.");
}
