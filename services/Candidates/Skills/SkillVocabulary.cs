using System.Text.Json;
using System.Text.RegularExpressions;
using FluentValidation;
using Matching.Contracts;
using Matching.Platform.Data;
using Matching.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Candidates.Skills;

/// <summary>A skill of the vocabulary: its code, its name, and the other words people use for it.</summary>
internal sealed record Skill(string Code, string Name, IReadOnlyList<string> Synonyms);

/// <summary>
/// スキル語彙 — the controlled vocabulary of skills a program maintains, so that 営業, えいぎょう, ｴｲｷﾞｮｳ and セールス are one skill
/// in search and matching. Every name, synonym and code is kept folded (<see cref="KanaFolding"/>, as company search folds
/// names) as a key to its skill; a key belongs to one skill only.
/// </summary>
internal static class SkillVocabulary
{
    /// <summary>
    /// What a new program starts with: skills regional talent programs ask for most (経営・営業・製造・IT・管理部門 …), each with its
    /// reading in katakana (so えいぎょう finds 営業) and the other words people use for it.
    /// </summary>
    internal static readonly IReadOnlyList<Skill> Seed =
    [
        new("sales", "営業", ["エイギョウ", "法人営業", "セールス", "営業職", "ルート営業"]),
        new("sales-channels", "販路開拓", ["ハンロカイタク", "新規開拓", "販路拡大", "新規顧客開拓"]),
        new("marketing", "マーケティング", ["マーケ", "販売促進", "販促", "市場調査"]),
        new("digital-marketing", "デジタルマーケティング", ["Webマーケティング", "ウェブマーケティング", "SNS運用", "SEO"]),
        new("ec", "EC運営", ["ECウンエイ", "ネットショップ運営", "通販", "ECサイト運営"]),
        new("management-planning", "経営企画", ["ケイエイキカク", "経営戦略", "事業計画", "中期経営計画"]),
        new("executive", "経営", ["ケイエイ", "経営幹部", "役員", "事業責任者", "マネジメント"]),
        new("succession", "事業承継", ["ジギョウショウケイ", "後継者育成", "M&A", "事業譲渡"]),
        new("new-business", "新規事業開発", ["シンキジギョウカイハツ", "新規事業", "事業開発"]),
        new("finance", "財務", ["ザイム", "ファイナンス", "資金調達", "資金繰り"]),
        new("accounting", "経理", ["ケイリ", "会計", "決算", "簿記"]),
        new("hr", "人事", ["ジンジ", "採用", "労務", "人材育成", "人事制度"]),
        new("organisation", "組織開発", ["ソシキカイハツ", "組織づくり", "組織改革"]),
        new("general-affairs", "総務", ["ソウム", "庶務", "ファシリティ管理"]),
        new("legal", "法務", ["ホウム", "コンプライアンス", "契約審査", "知的財産"]),
        new("production-management", "生産管理", ["セイサンカンリ", "工程管理", "生産計画"]),
        new("quality", "品質管理", ["ヒンシツカンリ", "品質保証", "QC", "QA", "ISO9001"]),
        new("production-engineering", "生産技術", ["セイサンギジュツ", "設備保全", "工場立ち上げ"]),
        new("kaizen", "改善活動", ["カイゼンカツドウ", "カイゼン", "5S", "トヨタ生産方式", "リーン生産"]),
        new("mechanical-design", "機械設計", ["キカイセッケイ", "CAD", "機構設計"]),
        new("electrical-design", "電気設計", ["デンキセッケイ", "回路設計", "電気電子"]),
        new("embedded", "組込みソフトウェア", ["クミコミソフトウェア", "組み込み", "組込み開発", "ファームウェア"]),
        new("software", "ソフトウェア開発", ["ソフトウェアカイハツ", "プログラミング", "システム開発", "アプリ開発"]),
        new("web-development", "Web開発", ["ウェブ開発", "フロントエンド", "バックエンド"]),
        new("infrastructure", "インフラ構築", ["インフラコウチク", "サーバー構築", "ネットワーク", "クラウド"]),
        new("dx", "DX推進", ["DXスイシン", "デジタルトランスフォーメーション", "業務のデジタル化", "IT化"]),
        new("it-strategy", "IT戦略", ["ITセンリャク", "情報システム", "社内SE", "システム企画"]),
        new("data-analysis", "データ分析", ["データブンセキ", "データサイエンス", "統計解析", "BI"]),
        new("ai", "AI・機械学習", ["機械学習", "人工知能", "生成AI"]),
        new("security", "情報セキュリティ", ["ジョウホウセキュリティ", "セキュリティ", "サイバーセキュリティ"]),
        new("project-management", "プロジェクトマネジメント", ["PM", "プロマネ", "PMO"]),
        new("overseas", "海外展開", ["カイガイテンカイ", "海外営業", "輸出", "貿易実務", "海外進出"]),
        new("procurement", "購買・調達", ["コウバイ・チョウタツ", "調達", "購買", "資材"]),
        new("logistics", "物流", ["ブツリュウ", "ロジスティクス", "SCM", "倉庫管理"]),
        new("product-development", "商品開発", ["ショウヒンカイハツ", "新商品開発", "製品企画", "商品企画"]),
        new("design", "デザイン", ["グラフィックデザイン", "パッケージデザイン"]),
        new("pr", "広報・PR", ["コウホウ・PR", "広報", "PR", "ブランディング"]),
        new("tourism", "観光・インバウンド", ["カンコウ・インバウンド", "インバウンド", "観光", "観光振興"]),
        new("agriculture", "農業経営", ["ノウギョウケイエイ", "6次産業化", "農業"]),
        new("food", "食品製造", ["ショクヒンセイゾウ", "HACCP", "食品衛生"]),
        new("construction", "施工管理", ["セコウカンリ", "建設", "現場監督"]),
        new("care", "介護・福祉", ["カイゴ・フクシ", "介護", "福祉"]),
        new("store", "店舗運営", ["テンポウンエイ", "店長", "店舗管理", "小売"]),
        new("customer-support", "カスタマーサポート", ["コールセンター", "顧客対応"]),
        new("english", "英語", ["エイゴ", "ビジネス英語", "英会話"]),
        new("chinese", "中国語", ["チュウゴクゴ", "ビジネス中国語"]),
    ];

    internal const string ListSql = "SELECT code AS Code, name AS Name, synonyms AS Synonyms FROM skills WHERE program = @program ORDER BY code";

    internal const string CountSql = "SELECT COUNT(*) FROM skills WHERE program = @program";

    internal const string InsertSql = """
        INSERT INTO skills (program, code, name, synonyms, changed_at) VALUES (@program, @code, @name, @synonyms, @at)
        """;

    internal const string UpdateSql = "UPDATE skills SET name = @name, synonyms = @synonyms, changed_at = @at WHERE program = @program AND code = @code";

    internal const string ExistsSql = "SELECT COUNT(*) FROM skills WHERE program = @program AND code = @code";

    internal const string DeleteKeysSql = "DELETE FROM skill_keys WHERE program = @program AND code = @code";

    internal const string InsertKeySql = "INSERT INTO skill_keys (program, folded, code) VALUES (@program, @folded, @code)";

    internal const string TakenKeysSql = "SELECT folded AS Folded, code AS Code FROM skill_keys WHERE program = @program AND folded IN @keys AND code <> @code";

    internal const string ResolveSql = "SELECT folded AS Folded, code AS Code FROM skill_keys WHERE program = @program AND folded IN @keys";

    private sealed class Row
    {
        public string Code { get; init; } = "";
        public string Name { get; init; } = "";
        public string Synonyms { get; init; } = "[]";

        public Skill ToSkill() => new(Code, Name, JsonSerializer.Deserialize<List<string>>(Synonyms, MatchingJson.Options) ?? []);
    }

    private sealed class Key
    {
        public string Folded { get; init; } = "";
        public string Code { get; init; } = "";
    }

    /// <summary>The folded keys of a skill: its code, its name and each synonym.</summary>
    internal static IReadOnlyList<string> KeysOf(string code, string name, IEnumerable<string> synonyms) =>
        [.. new[] { code, name }.Concat(synonyms).Select(KanaFolding.Fold).Where(k => k.Length > 0).Distinct(StringComparer.Ordinal)];

    public static async Task<IReadOnlyList<Skill>> ListAsync(ServiceDatabase database, string program, CancellationToken ct) =>
        (await database.QueryAsync<Row>(ListSql, new { program }, ct)).Select(r => r.ToSkill()).ToList();

    /// <summary>The program's skills by code, to name them in answers.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> NamesAsync(ServiceDatabase database, string program, CancellationToken ct) =>
        (await ListAsync(database, program, ct)).ToDictionary(s => s.Code, s => s.Name, StringComparer.Ordinal);

    /// <summary>
    /// The vocabulary code of each term (a name, a synonym or a code, in any kana and width), or null where the
    /// vocabulary has no such skill.
    /// </summary>
    public static async Task<IReadOnlyList<string?>> ResolveAsync(DatabaseTransaction tx, string program, IReadOnlyList<string> terms, CancellationToken ct)
    {
        var folded = terms.Select(KanaFolding.Fold).ToList();
        if (folded.Count == 0)
            return [];
        var keys = (await tx.QueryAsync<Key>(ResolveSql, new { program, keys = folded.Distinct().ToList() }, ct))
            .ToDictionary(k => k.Folded, k => k.Code, StringComparer.Ordinal);
        return folded.Select(f => keys.GetValueOrDefault(f)).ToList();
    }

    /// <summary>Writes the seed vocabulary for a program that has none yet.</summary>
    public static async Task SeedAsync(DatabaseTransaction tx, string program, DateTimeOffset at, CancellationToken ct)
    {
        if (await tx.ExecuteScalarAsync<int>(CountSql, new { program }, ct) > 0)
            return;
        foreach (var skill in Seed)
            await WriteAsync(tx, program, skill, isNew: true, at, ct);
    }

    private static async Task WriteAsync(DatabaseTransaction tx, string program, Skill skill, bool isNew, DateTimeOffset at, CancellationToken ct)
    {
        var row = new { program, code = skill.Code, name = skill.Name, synonyms = JsonSerializer.Serialize(skill.Synonyms, MatchingJson.Options), at };
        await tx.ExecuteAsync(isNew ? InsertSql : UpdateSql, row, ct);
        await tx.ExecuteAsync(DeleteKeysSql, new { program, code = skill.Code }, ct);
        await tx.ExecuteAsync(InsertKeySql, KeysOf(skill.Code, skill.Name, skill.Synonyms).Select(folded => new { program, folded, code = skill.Code }).ToList(), ct);
    }

    // ---- the office maintains the vocabulary ----

    public sealed record Request
    {
        public string? Name { get; init; }

        public IReadOnlyList<string>? Synonyms { get; init; }
    }

    public sealed record AddRequest
    {
        public string? Code { get; init; }

        public string? Name { get; init; }

        public IReadOnlyList<string>? Synonyms { get; init; }
    }

    public static readonly LocalizedText CodeInvalid = new(
        "コードは半角英小文字・数字・ハイフンの 2〜40 文字で指定してください。", "The code is 2–40 lower-case letters, digits or hyphens.");
    public static readonly LocalizedText NameInvalid = new("スキル名を入力してください（50 文字以内）。", "The skill needs a name, at most 50 characters.");
    public static readonly LocalizedText SynonymsInvalid = new("別名は 20 件まで、各 50 文字以内で指定してください。", "At most 20 synonyms, each at most 50 characters.");
    public static readonly LocalizedText CodeTaken = new("このコードのスキルは既にあります。", "A skill with this code exists.");
    public static readonly LocalizedText KeyTaken = new("「{0}」は既にスキル「{1}」の名前か別名です。", "'{0}' already names the skill '{1}'.");
    public static readonly LocalizedText UnknownSkill = new("このスキルは語彙にありません。", "This skill is not in the vocabulary.");

    private static readonly Regex Code = new("^[a-z0-9][a-z0-9-]{1,39}$", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));

    private static bool ValidName(string? name) => !string.IsNullOrWhiteSpace(name) && name.Trim().Length <= 50;

    private static bool ValidSynonyms(IReadOnlyList<string>? synonyms) =>
        synonyms is null || (synonyms.Count <= 20 && synonyms.All(ValidName));

    public sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Name).Must(ValidName).Message(NameInvalid);
            RuleFor(r => r.Synonyms).Must(ValidSynonyms).Message(SynonymsInvalid);
        }
    }

    public sealed class AddValidator : AbstractValidator<AddRequest>
    {
        public AddValidator()
        {
            RuleFor(r => r.Code).Must(c => c is not null && Code.IsMatch(c)).Message(CodeInvalid);
            RuleFor(r => r.Name).Must(ValidName).Message(NameInvalid);
            RuleFor(r => r.Synonyms).Must(ValidSynonyms).Message(SynonymsInvalid);
        }
    }

    public static async Task<Ok<IReadOnlyList<Skill>>> GetAsync(string program, ServiceDatabase<CandidatesModule> database, CancellationToken ct) =>
        TypedResults.Ok(await ListAsync(database, program, ct));

    public static Task<Results<Created<Skill>, Ok<Skill>, ProblemHttpResult, ValidationProblem>> AddAsync(
        string program, AddRequest request, ServiceDatabase<CandidatesModule> database, TimeProvider clock, CancellationToken ct) =>
        SaveAsync(program, request.Code!, request.Name, request.Synonyms, isNew: true, database, clock, ct);

    public static Task<Results<Created<Skill>, Ok<Skill>, ProblemHttpResult, ValidationProblem>> ReplaceAsync(
        string program, string code, Request request, ServiceDatabase<CandidatesModule> database, TimeProvider clock, CancellationToken ct) =>
        SaveAsync(program, code, request.Name, request.Synonyms, isNew: false, database, clock, ct);

    private static async Task<Results<Created<Skill>, Ok<Skill>, ProblemHttpResult, ValidationProblem>> SaveAsync(
        string program, string code, string? name, IReadOnlyList<string>? synonyms, bool isNew, ServiceDatabase database, TimeProvider clock,
        CancellationToken ct)
    {
        var skill = new Skill(code, name!.Trim(), synonyms?.Select(s => s.Trim()).Distinct(StringComparer.Ordinal).ToList() ?? []);
        await using var tx = await database.BeginAsync(ct);
        var exists = await tx.ExecuteScalarAsync<int>(ExistsSql, new { program, code }, ct) > 0;
        if (isNew && exists)
            return Problems.Conflict(CodeTaken);
        if (!isNew && !exists)
            return Problems.NotFound(UnknownSkill);
        var keys = KeysOf(skill.Code, skill.Name, skill.Synonyms);
        if ((await tx.QueryAsync<Key>(TakenKeysSql, new { program, keys, code }, ct)) is [var taken, ..])
            return Problems.Invalid(skill.Synonyms.Any(s => KanaFolding.Fold(s) == taken.Folded) ? "synonyms" : "name", KeyTaken.Format(taken.Folded, taken.Code));
        await WriteAsync(tx, program, skill, isNew, clock.GetUtcNow(), ct);
        await tx.CommitAsync(ct);
        return isNew ? TypedResults.Created($"/api/programs/{program}/skills/{code}", skill) : TypedResults.Ok(skill);
    }
}
