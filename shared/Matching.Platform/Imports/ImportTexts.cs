using Matching.Platform.Http;

namespace Matching.Platform.Imports;

public static class ImportTexts
{
    public static readonly LocalizedText UnknownImport = new("この取込は見つかりません。", "This import does not exist.");
    public static readonly LocalizedText UnknownKind = new("取込の種類は {0} のいずれかで指定してください。", "kind is one of {0}.");
    public static readonly LocalizedText FileNameInvalid = new("ファイル名は 1〜260 文字で指定してください。", "fileName is 1 to 260 characters.");
    public static readonly LocalizedText TooLarge = new(
        "ファイルが大きすぎます（上限 {0} MB）。分割して取り込んでください。", "The file is too large (at most {0} MB). Split it and import the parts.");
    public static readonly LocalizedText NoDataRows = new("見出し行のほかにデータ行がありません。", "The file has no rows below its header.");
    public static readonly LocalizedText ColumnsCount = new(
        "列の指定は {0} 列分（ファイルの列数）必要です。", "Give one entry per column of the file: {0}.");
    public static readonly LocalizedText UnknownField = new("「{0}」は取り込める項目ではありません。", "'{0}' is not a field of this import.");
    public static readonly LocalizedText FieldTwice = new("項目「{0}」が複数の列に割り当てられています。", "The field '{0}' is mapped to more than one column.");
    public static readonly LocalizedText RequiredFieldUnmapped = new(
        "必須項目「{0}」に対応する列がありません。見出しが合わない場合は列を指定してください。",
        "No column is mapped to the required field '{0}'. If the headers do not match, map the columns.");
    public static readonly LocalizedText NotReady = new(
        "エラーのある行があるため取り込めません。ファイルを直すか列の指定を見直してください（1 行も取り込まれていません）。",
        "Some rows have errors, so nothing was imported. Fix the file or the column mapping.");
    public static readonly LocalizedText AlreadyCommitted = new("この取込は既に実行済みか実行中です。", "This import has already run or is running.");
    public static readonly LocalizedText Interrupted = new(
        "取込の途中でサーバーが停止しました。1 行も取り込まれていません。もう一度実行してください。",
        "The server stopped during the import. Nothing was imported; run it again.");
    public static readonly LocalizedText Changed = new(
        "この取込は他の人が更新しました。最新の内容を確認してからやり直してください。", "Someone else changed this import. Reload it and try again.");
    public static readonly LocalizedText RefusedColumns = new(
        "列「{0}」は取り込めません。{1} この列を削除したファイルを読み込んでください（ファイルは保存していません）。",
        "The column '{0}' cannot be imported. {1} Upload the file without it (this one was not kept).");
    public static readonly LocalizedText Failed = new("取込に失敗しました。1 行も取り込まれていません。", "The import failed. Nothing was imported.");
}
