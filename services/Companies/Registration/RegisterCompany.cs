using Matching.Platform.Data;
using Matching.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Companies.Registration;

/// <summary>A company becomes a client of the program (企業登録).</summary>
internal static class RegisterCompany
{
    public sealed record Response(Guid Id);

    public static readonly LocalizedText CorporateNumberTaken = new(
        "この法人番号の企業は既に登録されています。", "A company with this corporate number is already registered.");

    public static async Task<Results<Created<Response>, ProblemHttpResult>> HandleAsync(
        string program, CompanyDetails request, ServiceDatabase<CompaniesModule> database, TimeProvider clock, CancellationToken ct)
    {
        var company = request.ToColumns(program);
        await using var tx = await database.BeginAsync(ct);
        // The unique index is the guard; this check only gives the friendlier message.
        if (company.CorporateNumber is not null && await CompanyStore.OwnerOfAsync(tx, program, company.CorporateNumber, ct) is not null)
            return Problems.Conflict(CorporateNumberTaken);

        var id = await CompanyStore.InsertAsync(tx, company, clock.GetUtcNow(), ct);
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/programs/{program}/companies/{id}", new Response(id));
    }
}
