using Dapper;
using FluentValidation;
using Matching.Contracts;
using Matching.Contracts.Companies;
using Matching.Platform.Data;
using Matching.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Companies.Needs;

/// <summary>人材ニーズの登録 — a company's talent need is opened, usually from the consultation where it came up.</summary>
internal static class OpenNeed
{
    internal sealed record Request : TalentNeedDetails
    {
        /// <summary>The consultation the need came out of, if any.</summary>
        public Guid? ConsultationId { get; init; }

        /// <summary>The day the need was identified; today (in Japan) when not given.</summary>
        public DateOnly? OpenedOn { get; init; }
    }

    public sealed record Response(Guid Id);

    public static readonly LocalizedText OpenedOnRange = new(
        "登録日は 1989-04-01 以降、今日から 1 年以内の日付を入力してください。", "The date must be on or after 1989-04-01 and at most a year from today.");

    public sealed class Validator : AbstractValidator<Request>
    {
        public Validator(TimeProvider clock)
        {
            Include(new TalentNeedDetails.Validator());
            RuleFor(r => r.OpenedOn)
                .Must(d => d >= new DateOnly(1989, 4, 1) && d <= DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.AddYears(1)))
                .Message(OpenedOnRange).When(r => r.OpenedOn is not null);
        }
    }

    public static readonly LocalizedText ConsultationUnknown = new(
        "この企業の相談として記録された相談ではありません（記録した直後なら、数秒おいてもう一度お試しください）。",
        "This is not a consultation logged for this company (if it was just logged, try again in a few seconds).");

    private const string CompanySql = "SELECT municipality_code FROM companies WHERE program = @program AND id = @companyId";

    // The local copy, fed by ConsultationLogged: Companies never reads the Coordinators database.
    private const string ConsultationSql = """
        SELECT COUNT(*) FROM consultations WHERE id = @consultationId AND program = @program AND company_id = @companyId
        """;

    private const string InsertSql = """
        INSERT INTO talent_needs (id, program, company_id, consultation_id, role, description, required_skills, preferred_skills,
                                  employment_form, pay_unit, pay_min_yen, pay_max_yen, municipality_code, remote, urgency, status,
                                  opened_on, opened_at, version, openings)
        VALUES (@id, @program, @companyId, @consultationId, @role, @description, @requiredSkills, @preferredSkills,
                @employmentForm, @payUnit, @payMinYen, @payMaxYen, @municipalityCode, @remote, @urgency, 'open',
                @openedOn, @openedAt, 1, @openings)
        """;

    public static async Task<Results<Created<Response>, ProblemHttpResult, ValidationProblem>> HandleAsync(
        string program, Guid companyId, Request request, ServiceDatabase<CompaniesModule> database, TimeProvider clock, CancellationToken ct)
    {
        await using var tx = await database.BeginAsync(ct);
        var companyMunicipality = await tx.ExecuteScalarAsync<string>(CompanySql, new { program, companyId }, ct);
        if (companyMunicipality is null)
            return Problems.NotFound(Registration.GetCompany.UnknownCompany);
        if (request.ConsultationId is { } consultationId
            && await tx.ExecuteScalarAsync<int>(ConsultationSql, new { consultationId, program, companyId }, ct) == 0)
            return Problems.Invalid("consultationId", ConsultationUnknown);

        var id = Guid.CreateVersion7();
        var now = clock.GetUtcNow();
        var openedOn = request.OpenedOn ?? JapanTime.DayOf(now);
        var parameters = new DynamicParameters(request.ToColumns());
        parameters.AddDynamicParams(new { id, program, companyId, consultationId = request.ConsultationId, openedOn, openedAt = now });
        await tx.ExecuteAsync(InsertSql, parameters, ct);
        await tx.Outbox.AddAsync(new TalentNeedOpened(
            EventIds.New(), program, now, id, companyId, request.ConsultationId, openedOn, request.Role!.Trim(),
            TalentNeedDetails.Name(request.EmploymentForm!.Value),
            string.IsNullOrWhiteSpace(request.MunicipalityCode) ? companyMunicipality : Contracts.MunicipalityCode.Parse(request.MunicipalityCode).Value,
            request.Terms(), request.Openings ?? 1), ct);
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/programs/{program}/needs/{id}", new Response(id));
    }
}
