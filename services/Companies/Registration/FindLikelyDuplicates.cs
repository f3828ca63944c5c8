using FluentValidation;
using Matching.Contracts;
using Matching.Platform.Data;
using Matching.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Companies.Registration;

/// <summary>
/// 重複候補 — companies a new registration probably repeats: the same corporate number, or the same name in the same
/// municipality, compared by <see cref="CompanyName.Key"/> (kana-folded, without spacing or legal form, so (株)北見精機 and
/// 北見精機株式会社 are one name) with the other's name or reading (ｷﾀﾐｾｲｷ repeats 北見精機, read キタミセイキ). Asked before registering.
/// </summary>
internal static class FindLikelyDuplicates
{
    public sealed record Request(string? Name, string? MunicipalityCode, string? CorporateNumber)
    {
        public static ValueTask<Request?> BindAsync(HttpContext context)
        {
            var query = context.Request.Query;
            return ValueTask.FromResult<Request?>(new Request(
                query.Text("name"), query.Text("municipalityCode"), query.Text("corporateNumber")));
        }
    }

    public sealed record Candidate(GetCompany.Response Company, string Reason);

    public static readonly LocalizedText NothingToCompare = new(
        "法人番号、または企業名と市区町村コードを指定してください。", "Give a corporate number, or a name with a municipality code.");
    public static readonly LocalizedText SameCorporateNumber = new("法人番号が同じです。", "Same corporate number.");
    public static readonly LocalizedText SameNameSameMunicipality = new("同じ市区町村に同じ名称の企業があります。", "Same name in the same municipality.");

    public sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.CorporateNumber).Must(Contracts.CorporateNumber.IsValid).Message(CompanyDetails.CorporateNumberInvalid)
                .When(r => r.CorporateNumber is not null);
            RuleFor(r => r.MunicipalityCode).Must(Contracts.MunicipalityCode.IsValid).Message(CompanyDetails.MunicipalityInvalid)
                .When(r => r.MunicipalityCode is not null);
            RuleFor(r => r.Name).MaximumLength(200).Label(CompanyDetails.NameLabel);
            RuleFor(r => r)
                .Must(r => r.CorporateNumber is not null || (r.Name is not null && r.MunicipalityCode is not null))
                .WithName("query").OverridePropertyName("query").Message(NothingToCompare);
        }
    }

    internal const string Sql = GetCompany.SelectColumns + "\n" + """
          FROM companies
         WHERE program = @program
           AND (corporate_number = @corporateNumber OR (municipality_code = @municipalityCode AND (name_key = @nameKey OR reading_key = @nameKey)))
         ORDER BY registered_at
        """;

    public static async Task<Ok<IReadOnlyList<Candidate>>> HandleAsync(
        string program, Request request, ServiceDatabase<CompaniesModule> database, CancellationToken ct)
    {
        var corporateNumber = request.CorporateNumber is null ? null : Contracts.CorporateNumber.Parse(request.CorporateNumber).Value;
        var municipalityCode = request.MunicipalityCode is null ? null : Contracts.MunicipalityCode.Parse(request.MunicipalityCode).Value;
        var nameKey = request.Name is null ? null : CompanyName.Key(request.Name);
        var matches = await database.QueryAsync<GetCompany.Response>(Sql, new { program, corporateNumber, municipalityCode, nameKey }, ct);
        IReadOnlyList<Candidate> candidates = matches
            .Select(c => new Candidate(c, (corporateNumber is not null && c.CorporateNumber == corporateNumber ? SameCorporateNumber : SameNameSameMunicipality).ToString()))
            .ToList();
        return TypedResults.Ok(candidates);
    }
}
