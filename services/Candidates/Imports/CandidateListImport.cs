using System.Globalization;
using System.Text;
using Matching.Candidates.Consents;
using Matching.Candidates.Duplicates;
using Matching.Candidates.Profiles;
using Matching.Candidates.Skills;
using Matching.Contracts;
using Matching.Platform.Data;
using Matching.Platform.Http;
using Matching.Platform.Imports;

namespace Matching.Candidates.Imports;

/// <summary>
/// 人材リストの取込 — a talent list the office keeps today, taken in by the platform's one import mechanism. Each row is
/// checked by the rules of the registration form; a row that is probably someone registered already (the duplicate rules:
/// e-mail, phone, folded name and reading with the birth year), or someone on an earlier row, is left out with a warning.
/// A consent is recorded only where the list states it (its own columns: yes, the version of the text, the date), with the
/// method <c>import</c>. A column of an item the law says not to collect (本籍, 出生地, beliefs, family …) refuses the file.
/// </summary>
internal sealed class CandidateListImport(TimeProvider clock) : ImportKind
{
    public override string Name => "candidates";

    public override LocalizedText Title { get; } = new("人材リスト", "Talent list");

    public override bool HoldsPersonalData => true;

    public static readonly LocalizedText ConsentToProgramLabel = new("データバンク登録への同意", "Consent to the data bank");
    public static readonly LocalizedText ConsentToFirmsLabel = new("登録事業者への提供の同意", "Consent to provision to registered firms");

    public override IReadOnlyList<ImportField> Fields { get; } =
    [
        new("name", CandidateDetails.NameLabel, true, "氏名", "名前", "お名前", "氏名漢字", "name"),
        new("nameKana", CandidateDetails.KanaLabel, true, "フリガナ", "ふりがな", "カナ", "氏名カナ", "氏名フリガナ", "よみがな", "kana"),
        new("email", new("メールアドレス", "E-mail"), false, "メールアドレス", "メール", "Eメール", "E-mail", "email"),
        new("phone", new("電話番号", "Phone"), false, "電話番号", "電話", "携帯電話", "携帯", "TEL", "phone"),
        new("prefectureCode", new("居住地（都道府県）", "Residence (prefecture)"), true, "居住地", "現住所", "居住都道府県", "現住所都道府県", "都道府県", "prefecture"),
        new("municipalityCode", new("居住地（市区町村コード）", "Residence (municipality code)"), false, "市区町村コード", "居住地市区町村コード", "municipality code"),
        new("hometownPrefectureCode", new("出身都道府県", "Hometown prefecture"), false, "出身都道府県", "出身県", "hometown"),
        new("birthYear", new("生年（西暦）", "Birth year"), false, "生年", "生まれ年", "生年西暦", "birth year"),
        new("careerSummary", new("職務要約", "Career summary"), false, "職務要約", "経歴", "経歴概要", "職務経歴", "career summary"),
        new("skills", new("スキル（語彙の名称、「、」区切り）", "Skills (vocabulary names, separated by 、)"), false, "スキル", "保有スキル", "skills"),
        new("tags", new("タグ", "Tags"), false, "タグ", "tags"),
        new("languages", new("語学", "Languages"), false, "語学", "言語", "languages"),
        new("licences", new("資格・免許", "Licences"), false, "資格", "免許", "資格免許", "licences"),
        new("employmentForms", new("希望する雇用形態", "Desired employment forms"), true, "希望雇用形態", "雇用形態", "希望する働き方", "働き方", "employment forms"),
        new("desiredAreas", new("希望勤務地（コードまたは都道府県名）", "Desired areas (codes or prefecture names)"), false, "希望勤務地", "希望地域", "desired areas"),
        new("remote", new("リモート希望", "Remote"), false, "リモート", "リモート希望", "テレワーク", "remote"),
        new("sideJobHoursPerWeek", new("副業に使える時間（週）", "Side-job hours a week"), false, "副業可能時間", "副業時間", "週あたり時間"),
        new("desiredPayUnit", new("希望給与の単位（年収・月額・時給）", "Pay unit (year, month, hour)"), false, "給与単位", "希望給与の単位", "pay unit"),
        new("desiredPayYen", new("希望給与（円）", "Desired pay (yen)"), false, "希望給与", "希望年収", "希望月給", "desired pay"),
        new("availableFrom", new("就業可能日", "Available from"), false, "就業可能日", "入社可能日", "稼働可能日", "available from"),
        new("status", new("状況", "Status"), false, "状況", "ステータス", "status"),
        new("consentToProgram", ConsentToProgramLabel, false, "データバンク登録への同意", "登録への同意", "個人情報の利用への同意"),
        new("consentToFirms", ConsentToFirmsLabel, false, "登録事業者への提供の同意", "第三者提供の同意", "提供同意", "事業者への提供同意"),
        new("consentTextVersion", new("同意文の版", "Consent text version"), false, "同意文の版", "同意書の版", "同意文バージョン"),
        new("consentGivenOn", new("同意日", "Consent given on"), false, "同意日", "同意年月日"),
    ];

    public static readonly LocalizedText ListItemUnknown = new("「{0}」は{1}として読めません。", "'{0}' is not read as {1}.");
    public static readonly LocalizedText ConsentUnreadable = new(
        "同意の欄は「はい」「いいえ」（または 同意・あり・○／なし・×、空欄は同意なし）で記入してください。",
        "A consent cell is yes or no (はい／いいえ, ○／×; empty is no consent).");
    public static readonly LocalizedText ConsentNeedsVersion = new(
        "同意を記録するには、その方に示した同意文の版（50 文字以内）を記入してください。", "A consent is recorded with the version of the text the person was shown, at most 50 characters.");
    public static readonly LocalizedText ConsentNeedsDate = new(
        "同意を記録するには、同意日（2000 年以降、今日まで）を記入してください。", "A consent is recorded with the date it was given (from 2000 to today).");
    public static readonly LocalizedText AlreadyRegistered = new(
        "登録済みの「{0}」と同じ方と思われるため取り込みません（一致: {1}）。別の方ならこの方だけ登録画面から登録してください。",
        "Probably the same person as '{0}', already registered (matched on {1}): left out. If it is someone else, register them on the form.");
    public static readonly LocalizedText EarlierRow = new(
        "{0} 行目と同じ方と思われるため取り込みません（一致: {1}）。", "Probably the same person as on line {0} (matched on {1}): left out.");

    private static readonly Dictionary<string, LocalizedText> RuleNames = new(StringComparer.Ordinal)
    {
        ["email"] = new("メールアドレス", "e-mail"),
        ["phone"] = new("電話番号", "phone"),
        ["nameAndBirthYear"] = new("氏名・フリガナと生年", "name, reading and birth year"),
    };

    /// <summary>
    /// Headers of items 職業安定法 第5条の5 and its guideline say not to collect, folded as headers are compared. 生年月日 is
    /// one too: the profile keeps the birth year only.
    /// </summary>
    private static readonly string[] ForbiddenHeaderWords =
    [
        "本籍", "出生地", "生誕地", "思想", "信条", "信教", "宗教", "支持政党", "政党", "労働組合", "組合員", "家族", "配偶者", "扶養",
        "子供", "子ども", "両親", "婚姻", "既婚", "未婚", "人種", "民族", "社会的身分", "門地", "病歴", "資産", "生年月日",
    ];

    public override LocalizedText? RefusedHeader(string header)
    {
        var key = HeaderKey(header);
        if (key.Length == 0)
            return null;
        var forbidden = CandidateDetails.ForbiddenFields.Any(f => string.Equals(HeaderKey(f), key, StringComparison.OrdinalIgnoreCase))
                        || ForbiddenHeaderWords.Any(w => key.Contains(HeaderKey(w), StringComparison.Ordinal));
        return forbidden ? CandidateDetails.ForbiddenField : null;
    }

    private static readonly char[] ListSeparators = ['、', ',', '，', ';', '；', '\n', '|', '｜'];

    private static List<string>? Items(string? cell) =>
        cell?.Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList() is { Count: > 0 } items ? items : null;

    private static string Folded(string text) => text.Normalize(NormalizationForm.FormKC).Trim().ToLowerInvariant().Replace(" ", "", StringComparison.Ordinal);

    private static readonly (string Word, EmploymentForm Form)[] FormWords =
    [
        ("正社員", EmploymentForm.FullTime), ("正規", EmploymentForm.FullTime), ("契約", EmploymentForm.Contract), ("副業", EmploymentForm.SideJob),
        ("兼業", EmploymentForm.SideJob), ("出向", EmploymentForm.Secondment), ("業務委託", EmploymentForm.Outsourcing), ("委託", EmploymentForm.Outsourcing),
    ];

    /// <summary>"正社員、副業・兼業" or "fullTime,sideJob": the forms named; an item none of them matches is an error.</summary>
    private static EmploymentForm? FormOf(string item)
    {
        if (Enum.TryParse<EmploymentForm>(item, ignoreCase: true, out var named) && Enum.IsDefined(named))
            return named;
        var folded = Folded(item);
        return FormWords.Where(w => folded.Contains(w.Word, StringComparison.Ordinal)).Select(w => (EmploymentForm?)w.Form).FirstOrDefault();
    }

    private static TEnum? EnumOf<TEnum>(string? cell, params (string Word, TEnum Value)[] words) where TEnum : struct, Enum
    {
        if (cell is null)
            return null;
        if (Enum.TryParse<TEnum>(cell, ignoreCase: true, out var named) && Enum.IsDefined(named))
            return named;
        var folded = Folded(cell);
        return words.Where(w => folded.StartsWith(w.Word, StringComparison.Ordinal)).Select(w => (TEnum?)w.Value).FirstOrDefault();
    }

    private static bool? YesNo(string? cell) => cell is null ? false : Folded(cell) switch
    {
        "はい" or "同意" or "同意あり" or "同意する" or "あり" or "有" or "済" or "yes" or "y" or "true" or "1" or "○" or "〇" or "◯" => true,
        "いいえ" or "同意なし" or "同意しない" or "なし" or "無" or "未" or "no" or "n" or "false" or "0" or "×" or "-" => false,
        _ => null,
    };

    /// <summary>A row read as the registration form's request, its consents as the list states them.</summary>
    private sealed record Read(RegisterCandidate.Request Details, bool ToProgram, bool ToFirms, string? TextVersion, DateOnly? GivenOn, List<ImportError> Errors);

    private static Read ReadRow(ImportRow row)
    {
        var errors = new List<ImportError>();
        void Error(string field, LocalizedText text) => errors.Add(new ImportError(row.Line, field, text.ToString()));
        long? Number(string field, params string[] marks)
        {
            var cell = row[field];
            foreach (var mark in marks)
                cell = cell?.Replace(mark, "", StringComparison.Ordinal);
            if (ImportValues.TryNumber(cell, out var n))
                return n;
            Error(field, ImportValues.NotANumber.Format(row[field]));
            return null;
        }
        // Out of int's range is out of the rule's range: the validator refuses it with its message.
        static int? Whole(long? n) => n is > int.MaxValue or < int.MinValue ? -1 : (int?)n;
        TEnum? Choice<TEnum>(string field, LocalizedText what, params (string, TEnum)[] words) where TEnum : struct, Enum
        {
            var value = EnumOf(row[field], words);
            if (value is null && row[field] is not null)
                Error(field, ListItemUnknown.Format(row[field], what));
            return value;
        }
        DateOnly? Date(string field)
        {
            if (ImportValues.TryDate(row[field], out var d))
                return d;
            Error(field, ImportValues.NotADate.Format(row[field]));
            return null;
        }

        var municipality = ImportValues.MunicipalityCode(row["municipalityCode"]);
        var forms = new List<EmploymentForm>();
        foreach (var item in Items(row["employmentForms"]) ?? [])
        {
            if (FormOf(item) is { } form)
                forms.Add(form);
            else
                Error("employmentForms", ListItemUnknown.Format(item, CandidateDetails.EmploymentFormsInvalid));
        }
        var areas = Items(row["desiredAreas"])?.Select(a => a.Length == 5 && a.All(char.IsAsciiDigit) ? ImportValues.MunicipalityCode(a)! : ImportValues.PrefectureCode(a, null)!).ToList();
        var details = new RegisterCandidate.Request
        {
            Name = row["name"],
            NameKana = row["nameKana"],
            Email = row["email"],
            Phone = row["phone"],
            PrefectureCode = ImportValues.PrefectureCode(row["prefectureCode"], municipality),
            MunicipalityCode = municipality,
            HometownPrefectureCode = row["hometownPrefectureCode"] is { } hometown ? ImportValues.PrefectureCode(hometown, null) : null,
            BirthYear = Whole(Number("birthYear", "年")),
            CareerSummary = row["careerSummary"],
            Skills = Items(row["skills"]),
            Tags = Items(row["tags"]),
            Languages = Items(row["languages"]),
            Licences = Items(row["licences"]),
            EmploymentForms = forms,
            DesiredAreas = areas,
            Remote = Choice("remote", CandidateDetails.RemoteInvalid, ("なし", RemoteWork.None), ("不可", RemoteWork.None), ("出社", RemoteWork.None),
                ("一部", RemoteWork.Partial), ("ハイブリッド", RemoteWork.Partial), ("フル", RemoteWork.Full), ("完全", RemoteWork.Full), ("可", RemoteWork.Full)),
            SideJobHoursPerWeek = Whole(Number("sideJobHoursPerWeek", "時間", "h")),
            DesiredPayUnit = Choice("desiredPayUnit", CandidateDetails.PayNeedsUnit, ("年", PayUnit.Year), ("月", PayUnit.Month), ("時", PayUnit.Hour)),
            DesiredPayYen = Number("desiredPayYen"),
            AvailableFrom = Date("availableFrom"),
            Status = Choice("status", RegisterCandidate.StatusInvalid, ("活動", CandidateStatus.Active), ("就職", CandidateStatus.Placed),
                ("休止", CandidateStatus.Paused), ("退会", CandidateStatus.Left)),
        };
        var (toProgram, toFirms) = (YesNo(row["consentToProgram"]), YesNo(row["consentToFirms"]));
        if (toProgram is null)
            Error("consentToProgram", ConsentUnreadable);
        if (toFirms is null)
            Error("consentToFirms", ConsentUnreadable);
        var givenOn = Date("consentGivenOn");
        return new Read(details, toProgram == true, toFirms == true, row["consentTextVersion"], givenOn, errors);
    }

    private sealed record Planned(RegisterCandidate.Request Details, CandidateRecord Record, bool ToProgram, bool ToFirms, string? TextVersion, DateOnly? GivenOn);

    private sealed class Existing
    {
        public string Name { get; init; } = "";
        public string? Email { get; init; }
        public string? Phone { get; init; }
        public int? BirthYear { get; init; }
        public string NameKey { get; init; } = "";
    }

    private const string ExistingSql = """
        SELECT name AS Name, email AS Email, phone AS Phone, birth_year AS BirthYear, name_key AS NameKey FROM candidates WHERE program = @program
        """;

    private async Task<(ImportCheck Check, List<Planned> ToRegister)> PlanAsync(
        DatabaseTransaction tx, string program, IReadOnlyList<ImportRow> rows, CancellationToken ct)
    {
        var validator = new RegisterCandidate.Validator(clock);
        var today = CandidateDetails.Today(clock);
        var read = rows.Select(r => (Row: r, Read: ReadRow(r))).ToList();
        var terms = read.SelectMany(r => r.Read.Details.Skills ?? []).Distinct(StringComparer.Ordinal).ToList();
        var codes = terms.Zip(await SkillVocabulary.ResolveAsync(tx, program, terms, ct)).ToDictionary(t => t.First, t => t.Second, StringComparer.Ordinal);
        // Who is registered already, by each duplicate rule's key.
        var known = new Dictionary<(string Rule, string Key), string>();
        foreach (var e in await tx.QueryAsync<Existing>(ExistingSql, new { program }, ct))
            foreach (var key in CandidateDuplicates.Keys(e.Email, e.Phone, e.BirthYear, e.NameKey))
                known.TryAdd(key, e.Name);
        var earlier = new Dictionary<(string Rule, string Key), int>();

        var (errors, warnings, toRegister) = (new List<ImportError>(), new List<ImportError>(), new List<Planned>());
        foreach (var (row, r) in read)
        {
            var rowErrors = new List<ImportError>(r.Errors);
            var result = await validator.ValidateAsync(r.Details, ct);
            rowErrors.AddRange(result.Errors.Where(e => r.Errors.All(x => x.Field != e.PropertyName))
                .Select(e => new ImportError(row.Line, e.PropertyName, e.ErrorMessage)));
            rowErrors.AddRange((r.Details.Skills ?? []).Where(s => codes[s] is null)
                .Select(s => new ImportError(row.Line, "skills", $"{s}: {SkillVocabulary.UnknownSkill}")));
            if (r.ToProgram || r.ToFirms)
            {
                if (r.TextVersion is not { Length: <= 50 })
                    rowErrors.Add(new ImportError(row.Line, "consentTextVersion", ConsentNeedsVersion.ToString()));
                if (r.GivenOn is not { } on || on.Year < 2000 || on > today)
                    rowErrors.Add(new ImportError(row.Line, "consentGivenOn", ConsentNeedsDate.ToString()));
            }
            if (rowErrors.Count > 0)
            {
                errors.AddRange(rowErrors);
                continue;
            }
            var record = r.Details.ToRecord([.. (r.Details.Skills ?? []).Select(s => codes[s]!).Distinct(StringComparer.Ordinal)]);
            var keys = CandidateDuplicates.Keys(record).ToList();
            if (keys.Where(known.ContainsKey).ToList() is [var registered, ..])
            {
                warnings.Add(new ImportError(row.Line, null, AlreadyRegistered.Format(known[registered], RuleNames[registered.Rule]).ToString()));
                continue;
            }
            if (keys.Where(earlier.ContainsKey).ToList() is [var repeated, ..])
            {
                warnings.Add(new ImportError(row.Line, null, EarlierRow.Format(earlier[repeated], RuleNames[repeated.Rule]).ToString()));
                continue;
            }
            foreach (var key in keys)
                earlier.TryAdd(key, row.Line);
            toRegister.Add(new Planned(r.Details, record, r.ToProgram, r.ToFirms, r.TextVersion, r.GivenOn));
        }
        return (new ImportCheck(errors, new ImportCounts(toRegister.Count, 0, warnings.Count), warnings), toRegister);
    }

    public override async Task<ImportCheck> CheckAsync(DatabaseTransaction tx, string program, IReadOnlyList<ImportRow> rows, CancellationToken ct) =>
        (await PlanAsync(tx, program, rows, ct)).Check;

    /// <summary>Who registered the people of a list, on their records and consents.</summary>
    public const string RegisteredBy = "取込（人材リスト）";

    public override async Task<ImportCheck> CommitAsync(
        DatabaseTransaction tx, string program, IReadOnlyList<ImportRow> rows, IProgress<int> progress, CancellationToken ct)
    {
        var (check, toRegister) = await PlanAsync(tx, program, rows, ct);
        if (check.Errors.Count > 0)
            return check;
        var at = clock.GetUtcNow();
        foreach (var p in toRegister)
        {
            var id = Guid.CreateVersion7();
            await CandidateStore.RegisterAsync(tx, program, id, p.Record, CandidateDetails.NameOf(p.Details.Status ?? CandidateStatus.Active), null, at, RegisteredBy, ct);
            // The day the list says; the time of day is not known, so the consent is dated at the start of that day in Japan.
            var givenAt = p.GivenOn is { } on ? new DateTimeOffset(on.ToDateTime(TimeOnly.MinValue), JapanTime.Offset) : at;
            if (p.ToProgram)
                await ConsentRecords.RecordAsync(tx, program, id, ConsentPurpose.DataBank, ConsentRecipient.Program, null, p.TextVersion!.Trim(),
                    ConsentMethod.Import, givenAt, at, RegisteredBy, ct);
            if (p.ToFirms)
                await ConsentRecords.RecordAsync(tx, program, id, ConsentPurpose.Introduction, ConsentRecipient.RegisteredFirms, null, p.TextVersion!.Trim(),
                    ConsentMethod.Import, givenAt, at, RegisteredBy, ct);
        }
        progress.Report(rows.Count);
        return check;
    }
}
