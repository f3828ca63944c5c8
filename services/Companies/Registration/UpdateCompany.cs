using FluentValidation;
using Matching.Platform.Data;
using Matching.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Companies.Registration;

/// <summary>企業情報の修正 — a company's record is corrected; the whole record is sent with the version the coordinator saw.</summary>
internal static class UpdateCompany
{
    internal sealed record Request : CompanyDetails
    {
        /// <summary>The version the coordinator saw; a record changed since answers 409.</summary>
        public int? Version { get; init; }
    }

    public static readonly LocalizedText VersionLabel = new("版", "Version");
    public static readonly LocalizedText Changed = new(
        "この企業情報は他の人が更新しました。最新の内容を確認してからやり直してください。",
        "Someone else changed this company. Reload it and try again.");

    public sealed class Validator : AbstractValidator<Request>
    {
        public Validator(TimeProvider clock)
        {
            Include(new CompanyDetails.Validator(clock));
            RuleFor(r => r.Version).NotNull().Label(VersionLabel).GreaterThanOrEqualTo(1).Label(VersionLabel);
        }
    }

    public static async Task<Results<Ok<GetCompany.Response>, ProblemHttpResult>> HandleAsync(
        string program, Guid id, Request request, ServiceDatabase<CompaniesModule> database, TimeProvider clock, CancellationToken ct)
    {
        var company = request.ToColumns(program);
        await using var tx = await database.BeginAsync(ct);
        if (await tx.QuerySingleOrDefaultAsync<GetCompany.Response>(GetCompany.Sql, new { program, id }, ct) is not { } current)
            return Problems.NotFound(GetCompany.UnknownCompany);
        if (company.CorporateNumber is not null && await CompanyStore.OwnerOfAsync(tx, program, company.CorporateNumber, ct) is { } owner && owner != id)
            return Problems.Conflict(RegisterCompany.CorporateNumberTaken);
        if (current.Version != request.Version || !await CompanyStore.UpdateAsync(tx, id, current.Version, company, clock.GetUtcNow(), ct))
            return Problems.Conflict(Changed);
        var updated = await tx.QuerySingleOrDefaultAsync<GetCompany.Response>(GetCompany.Sql, new { program, id }, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(updated!);
    }
}
