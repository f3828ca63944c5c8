using FluentValidation;
using Matching.Contracts;
using Matching.Contracts.Coordinators;
using Matching.Coordinators.Staff;
using Matching.Platform.Data;
using Matching.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Coordinators.Consultations;

/// <summary>経営者との相談 — a consultation with a company's manager; counted by KPIs.</summary>
internal static class LogConsultation
{
    internal sealed record Request : ConsultationContent
    {
        public Guid? CompanyId { get; init; }

        public DateOnly? Date { get; init; }
    }

    public sealed record Response(Guid Id);

    public static readonly LocalizedText CompanyLabel = new("企業", "Company");
    public static readonly LocalizedText DateLabel = new("相談日", "Consultation date");
    public static readonly LocalizedText DateRange = new(
        "相談日は 1989-04-01 以降、今日から 1 年以内の日付を入力してください。", "The date must be on or after 1989-04-01 and at most a year from today.");
    public static readonly LocalizedText UnknownCompany = new(
        "この企業はこのプログラムに登録されていません（登録直後の場合は数秒後に再度お試しください）。",
        "This company is not registered in this program (if it was just registered, try again in a few seconds).");

    public sealed class Validator : AbstractValidator<Request>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(r => r.CompanyId).NotEmpty().Label(CompanyLabel);
            RuleFor(r => r.Date).NotNull().Label(DateLabel).Must(d => DateFits(d!.Value)).Message(DateRange);
            Include(new ConsultationContent.Validator());
            // Measured from a valid consultation date only: a wrong date is one problem, not two.
            RuleFor(r => r.NextActionDate).Must((r, next) => ConsultationContent.NextActionDateFits(r.Date!.Value, next))
                .Message(ConsultationContent.NextActionDateRange).When(r => r.Date is { } d && DateFits(d));

            bool DateFits(DateOnly d) => d >= new DateOnly(1989, 4, 1) && d <= DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.AddYears(1));
        }
    }

    /// <summary>Where a known company is and what it does, as the consultation's event tells the KPI breakdowns.</summary>
    internal sealed record CompanyPlace(string? MunicipalityCode, string? Industry);

    internal const string CompanyPlaceSql =
        "SELECT municipality_code AS MunicipalityCode, industry AS Industry FROM companies WHERE program = @program AND id = @companyId";

    internal const string InsertSql = """
        INSERT INTO consultations (id, program, company_id, date, coordinator, coordinators, channel, issues, other_issue, notes,
                                   next_action, next_action_date, need_identified, logged_at, version)
        VALUES (@id, @program, @companyId, @date, @coordinator, @coordinators, @channel, @issues, @otherIssue, @notes,
                @nextAction, @nextActionDate, @needIdentified, @loggedAt, 1)
        """;

    public static async Task<Results<Created<Response>, ValidationProblem>> HandleAsync(
        string program, Request request, ServiceDatabase<CoordinatorsModule> database, TimeProvider clock, CancellationToken ct)
    {
        var companyId = request.CompanyId!.Value;
        await using var tx = await database.BeginAsync(ct);
        if (await tx.QuerySingleOrDefaultAsync<CompanyPlace>(CompanyPlaceSql, new { program, companyId }, ct) is not { } company)
            return Problems.Invalid("companyId", UnknownCompany);

        var (people, problem) = await ConsultationStaff.ResolveAsync(tx, program, request, ct);
        if (problem is not null)
            return problem;
        var id = await InsertAsync(tx, program, companyId, company, request, clock.GetUtcNow(), ct, people);
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/programs/{program}/consultations/{id}", new Response(id));
    }

    /// <summary>Writes a valid consultation of a known company and, in the same transaction, the event that counts it.</summary>
    internal static async Task<Guid> InsertAsync(
        DatabaseTransaction tx, string program, Guid companyId, CompanyPlace company, Request request, DateTimeOffset now, CancellationToken ct,
        IReadOnlyList<ConsultationStaff.Person>? people = null)
    {
        people ??= (await ConsultationStaff.ResolveAsync(tx, program, request, ct)).People;
        request = request with { Coordinators = [.. people.Select(p => p.Name)] };
        var id = Guid.CreateVersion7();
        var channel = ChannelName(request.Channel!.Value);
        await tx.ExecuteAsync(InsertSql, new
        {
            id, program, companyId, date = request.Date!.Value, coordinator = request.Coordinators![0].Trim(),
            coordinators = request.CoordinatorsText, channel, issues = request.IssuesText, otherIssue = request.OtherIssue?.Trim(),
            notes = request.Notes, nextAction = request.NextAction?.Trim(), nextActionDate = request.NextActionDate,
            needIdentified = request.NeedIdentified, loggedAt = now,
        }, ct);
        await ConsultationStaff.WriteAsync(tx, program, id, people, ct);
        await tx.Outbox.AddAsync(new ConsultationLogged(
            EventIds.New(), program, now, id, companyId, request.Date.Value, channel, request.Coordinators.Select(c => c.Trim()).ToList(),
            company.MunicipalityCode, company.Industry), ct);
        return id;
    }

    internal static string ChannelName(ConsultationChannel channel) => channel.ToString().ToLowerInvariant();
}
