using FluentValidation;
using Matching.Contracts;
using Matching.Contracts.Companies;
using Matching.Platform.Data;
using Matching.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Companies.Registration;

/// <summary>A company becomes a client of the program (企業登録).</summary>
internal static class RegisterCompany
{
    public sealed record Request(string Name, string NameKana, string? CorporateNumber, string PrefectureCode, string MunicipalityCode);

    public sealed record Response(Guid Id);

    public static readonly LocalizedText NameLabel = new("企業名", "Company name");
    public static readonly LocalizedText NameKanaLabel = new("企業名（フリガナ）", "Company name (kana)");
    public static readonly LocalizedText PrefectureLabel = new("都道府県コード", "Prefecture code");
    public static readonly LocalizedText MunicipalityLabel = new("市区町村コード", "Municipality code");
    public static readonly LocalizedText CorporateNumberInvalid = new(
        "法人番号は 13 桁の数字で、先頭のチェックデジットが正しい必要があります。",
        "The corporate number is 13 digits whose first digit is a valid check digit.");
    public static readonly LocalizedText KanaOnly = new(
        "フリガナはカタカナ（またはひらがな）で入力してください。", "Write the reading in katakana (or hiragana).");
    public static readonly LocalizedText PrefectureInvalid = new(
        "都道府県コードは 01（北海道）〜 47（沖縄県）の 2 桁で入力してください。", "The prefecture code is two digits, 01 (Hokkaido) to 47 (Okinawa).");
    public static readonly LocalizedText MunicipalityInvalid = new(
        "市区町村コードは 6 桁の全国地方公共団体コード（チェックデジット付き）で入力してください。",
        "The municipality code is the 6-digit local government code with a valid check digit.");
    public static readonly LocalizedText MunicipalityOutsidePrefecture = new(
        "市区町村コードが都道府県コードの都道府県のものではありません。", "The municipality is not in the given prefecture.");
    public static readonly LocalizedText CorporateNumberTaken = new(
        "この法人番号の企業は既に登録されています。", "A company with this corporate number is already registered.");

    public sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Name).NotEmpty().Label(NameLabel).MaximumLength(200).Label(NameLabel);
            RuleFor(r => r.NameKana).NotEmpty().Label(NameKanaLabel).MaximumLength(200).Label(NameKanaLabel)
                .Must(BeKana).Message(KanaOnly);
            RuleFor(r => r.CorporateNumber).Must(Contracts.CorporateNumber.IsValid).Message(CorporateNumberInvalid)
                .When(r => !string.IsNullOrEmpty(r.CorporateNumber));
            RuleFor(r => r.PrefectureCode).NotEmpty().Label(PrefectureLabel)
                .Must(Contracts.PrefectureCode.IsValid).Message(PrefectureInvalid);
            RuleFor(r => r.MunicipalityCode).NotEmpty().Label(MunicipalityLabel)
                .Must(Contracts.MunicipalityCode.IsValid).Message(MunicipalityInvalid)
                .DependentRules(() =>
                    RuleFor(r => r.MunicipalityCode)
                        .Must((r, code) => !Contracts.PrefectureCode.IsValid(r.PrefectureCode)
                                           || Contracts.MunicipalityCode.Parse(code).Prefecture == Contracts.PrefectureCode.Parse(r.PrefectureCode))
                        .Message(MunicipalityOutsidePrefecture));
        }

        // Katakana, hiragana, the prolonged sound mark, middle dot, spaces, and the Latin letters and digits
        // company names carry (ＡＢＣ株式会社 is read エービーシー but often written as is).
        private static bool BeKana(string? kana) =>
            kana is not null && KanaFolding.Fold(kana).All(c => c is (>= '\u30A0' and <= '\u30FF') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '・' or 'ー' or '－' or '-' or '&' or '.');
    }

    internal const string InsertSql = """
        INSERT INTO companies (id, program, name, name_kana, name_folded, name_key, corporate_number, prefecture_code, municipality_code, registered_at, version)
        VALUES (@id, @program, @name, @nameKana, @nameFolded, @nameKey, @corporateNumber, @prefectureCode, @municipalityCode, @registeredAt, 1)
        """;

    internal const string CorporateNumberExistsSql =
        "SELECT COUNT(*) FROM companies WHERE program = @program AND corporate_number = @corporateNumber";

    public static async Task<Results<Created<Response>, ProblemHttpResult>> HandleAsync(
        string program, Request request, ServiceDatabase<CompaniesModule> database, TimeProvider clock, CancellationToken ct)
    {
        var corporateNumber = string.IsNullOrEmpty(request.CorporateNumber) ? null : Contracts.CorporateNumber.Parse(request.CorporateNumber).Value;
        var prefecture = Contracts.PrefectureCode.Parse(request.PrefectureCode).Value;
        var municipality = Contracts.MunicipalityCode.Parse(request.MunicipalityCode).Value;
        var name = request.Name.Trim();
        var nameKana = request.NameKana.Trim();

        await using var tx = await database.BeginAsync(ct);
        // The unique index is the guard; this check only gives the friendlier message.
        if (corporateNumber is not null
            && await tx.ExecuteScalarAsync<int>(CorporateNumberExistsSql, new { program, corporateNumber }, ct) > 0)
            return Problems.Conflict(CorporateNumberTaken);

        var id = Guid.CreateVersion7();
        var now = clock.GetUtcNow();
        await tx.ExecuteAsync(InsertSql, new
        {
            id, program, name, nameKana, nameFolded = KanaFolding.Fold(name + " " + nameKana), nameKey = KanaFolding.Fold(name), corporateNumber,
            prefectureCode = prefecture, municipalityCode = municipality, registeredAt = now,
        }, ct);
        await tx.Outbox.AddAsync(new CompanyRegistered(Guid.NewGuid(), program, now, id, name, nameKana, corporateNumber, prefecture, municipality), ct);
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/programs/{program}/companies/{id}", new Response(id));
    }
}
