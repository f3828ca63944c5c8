using FluentValidation;
using Matching.Contracts.Coordinators;
using Matching.Platform.Data;
using Matching.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Coordinators.Consultations;

/// <summary>経営者との相談 — a consultation with a company's manager; counted by KPIs.</summary>
internal static class LogConsultation
{
    public sealed record Request(Guid? CompanyId, DateOnly? Date, string Coordinator, ConsultationChannel? Channel, string? Notes);

    public sealed record Response(Guid Id);

    public static readonly LocalizedText CompanyLabel = new("企業", "Company");
    public static readonly LocalizedText DateLabel = new("相談日", "Consultation date");
    public static readonly LocalizedText CoordinatorLabel = new("担当コーディネーター", "Coordinator");
    public static readonly LocalizedText ChannelLabel = new("相談方法", "Channel");
    public static readonly LocalizedText NotesLabel = new("相談内容", "Notes");
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
            RuleFor(r => r.Date).NotNull().Label(DateLabel)
                .Must(d => d >= new DateOnly(1989, 4, 1) && d <= DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.AddYears(1))).Message(DateRange);
            RuleFor(r => r.Coordinator).NotEmpty().Label(CoordinatorLabel).MaximumLength(100).Label(CoordinatorLabel);
            RuleFor(r => r.Channel).NotNull().Label(ChannelLabel).IsInEnum().Label(ChannelLabel);
            RuleFor(r => r.Notes).MaximumLength(4000).Label(NotesLabel);
        }
    }

    internal const string CompanyExistsSql = "SELECT COUNT(*) FROM companies WHERE program = @program AND id = @companyId";

    internal const string InsertSql = """
        INSERT INTO consultations (id, program, company_id, date, coordinator, channel, notes, logged_at, version)
        VALUES (@id, @program, @companyId, @date, @coordinator, @channel, @notes, @loggedAt, 1)
        """;

    public static async Task<Results<Created<Response>, ValidationProblem>> HandleAsync(
        string program, Request request, ServiceDatabase<CoordinatorsModule> database, TimeProvider clock, CancellationToken ct)
    {
        var companyId = request.CompanyId!.Value;
        await using var tx = await database.BeginAsync(ct);
        if (await tx.ExecuteScalarAsync<int>(CompanyExistsSql, new { program, companyId }, ct) == 0)
            return Problems.Invalid("companyId", UnknownCompany);

        var id = Guid.CreateVersion7();
        var now = clock.GetUtcNow();
        var channel = ChannelName(request.Channel!.Value);
        await tx.ExecuteAsync(InsertSql, new
        {
            id, program, companyId, date = request.Date!.Value, coordinator = request.Coordinator.Trim(), channel,
            notes = request.Notes, loggedAt = now,
        }, ct);
        await tx.Outbox.AddAsync(new ConsultationLogged(Guid.NewGuid(), program, now, id, companyId, request.Date.Value, channel), ct);
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/programs/{program}/consultations/{id}", new Response(id));
    }

    internal static string ChannelName(ConsultationChannel channel) => channel.ToString().ToLowerInvariant();
}
