using FluentValidation;
using Matching.Platform.Data;
using Matching.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Programs.Accounts;

/// <summary>
/// The product's one audit log, newest first: Programs' own entries (sign-ins, lockouts, tokens, role changes, KPIs)
/// and those every other service publishes (refusals, reads of personal data), copied here from their events.
/// </summary>
internal static class ListAuditLog
{
    /// <param name="Outsider">Someone who is not a member of the program: in a program's view, without who it was.</param>
    public sealed record Entry(long Id, DateTimeOffset OccurredAt, string? Service, string? Program, Guid? UserId, string? UserName,
        bool Outsider, string Action, string? Target, string? Detail, string? RemoteAddress);

    private const string ColumnsSql = """
        SELECT id AS Id, occurred_at AS OccurredAt, service AS Service, program AS Program, user_id AS UserId, user_name AS UserName,
               outsider AS Outsider, action AS Action, target AS Target, detail AS Detail, remote_address AS RemoteAddress
        FROM audit_log
        """;

    public sealed record Query(int Page = 1, int PageSize = 50);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Page).ValidPage();
            RuleFor(q => q.PageSize).ValidPageSize(200);
        }
    }

    /// <summary>
    /// The program's entries, from every service: its members' actions in full, and refusals of its data by anyone. Of
    /// someone outside the program it shows only that they were refused: other programs' users, their ids and their
    /// addresses stay out of the office's view.
    /// </summary>
    public static async Task<Ok<ListPage<Entry>>> ForProgramAsync(string program, [AsParameters] Query query,
        ServiceDatabase<ProgramsModule> database, CancellationToken ct)
    {
        var page = await PageAsync(database, "WHERE program = @program", program, query, ct);
        var items = page.Items.Select(e => e.Outsider ? e with { UserId = null, UserName = null, RemoteAddress = null } : e).ToList();
        return TypedResults.Ok(page with { Items = items });
    }

    /// <summary>Every entry of every service, for operators.</summary>
    public static async Task<Ok<ListPage<Entry>>> AllAsync([AsParameters] Query query, ServiceDatabase<ProgramsModule> database, CancellationToken ct) =>
        TypedResults.Ok(await PageAsync(database, "", null, query, ct));

    private static async Task<ListPage<Entry>> PageAsync(ServiceDatabase database, string where, string? program, Query query, CancellationToken ct)
    {
        var parameters = new { program, offset = Paging.Offset(query.Page, query.PageSize), limit = query.PageSize };
        var total = await database.ExecuteScalarAsync<int>($"SELECT COUNT(*) FROM audit_log {where}", parameters, ct);
        var items = await database.QueryAsync<Entry>(database.Dialect.Page($"{ColumnsSql} {where} ORDER BY id DESC", "@offset", "@limit"), parameters, ct);
        return new ListPage<Entry>(items, query.Page, query.PageSize, total);
    }
}
