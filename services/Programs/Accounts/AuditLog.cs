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

    /// <param name="Action">Only entries of this action (<c>sign-in-failed</c>, <c>refused</c>, <c>roles-changed</c> …).</param>
    /// <param name="User">Only entries of this user name.</param>
    /// <param name="From">From this day (in Japan), inclusive.</param>
    /// <param name="To">To this day (in Japan), inclusive.</param>
    public sealed record Query(int Page = 1, int PageSize = 50, string? Action = null, string? User = null, DateOnly? From = null, DateOnly? To = null);

    public static readonly LocalizedText PeriodInvalid = new("期間の終わりは始まり以降の日にしてください。", "The period ends on or after its start.");
    public static readonly LocalizedText FilterTooLong = new("絞り込みの文字は 100 文字以内にしてください。", "A filter has at most 100 characters.");

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Page).ValidPage();
            RuleFor(q => q.PageSize).ValidPageSize(200);
            RuleFor(q => q.Action).MaximumLength(100).Message(FilterTooLong);
            RuleFor(q => q.User).MaximumLength(100).Message(FilterTooLong);
            RuleFor(q => q.To).Must((q, to) => q.From is null || to is null || to >= q.From).Message(PeriodInvalid);
        }
    }

    private static readonly TimeSpan Japan = Matching.Contracts.JapanTime.Offset;

    /// <summary>The query's filters as SQL conditions after <paramref name="where"/>, and their parameters.</summary>
    private static (string Where, object Parameters) Filtered(string where, string? program, Query query)
    {
        var conditions = new List<string>();
        if (where.Length > 0)
            conditions.Add(where);
        if (!string.IsNullOrWhiteSpace(query.Action))
            conditions.Add("action = @action");
        if (!string.IsNullOrWhiteSpace(query.User))
            conditions.Add("user_name = @user");
        if (query.From is { } from)
            conditions.Add("occurred_at >= @from");
        if (query.To is { } to)
            conditions.Add("occurred_at < @to");
        var parameters = new
        {
            program, action = query.Action?.Trim(), user = query.User is { } u ? AccountStore.NormalizeUserName(u) : null,
            from = query.From is { } f ? new DateTimeOffset(f.ToDateTime(TimeOnly.MinValue), Japan) : (DateTimeOffset?)null,
            to = query.To is { } t ? new DateTimeOffset(t.AddDays(1).ToDateTime(TimeOnly.MinValue), Japan) : (DateTimeOffset?)null,
            offset = Paging.Offset(query.Page, query.PageSize), limit = query.PageSize,
        };
        return (conditions.Count == 0 ? "" : "WHERE " + string.Join(" AND ", conditions), parameters);
    }


    /// <summary>
    /// The program's entries, from every service: its members' actions in full, and refusals of its data by anyone. Of
    /// someone outside the program it shows only that they were refused: other programs' users, their ids and their
    /// addresses stay out of the office's view.
    /// </summary>
    public static async Task<Ok<ListPage<Entry>>> ForProgramAsync(string program, [AsParameters] Query query,
        ServiceDatabase<ProgramsModule> database, CancellationToken ct)
    {
        // Filtering by a name never finds an outsider: it would tell the office who outside the program was refused.
        var page = await PageAsync(database, string.IsNullOrWhiteSpace(query.User) ? "program = @program" : "program = @program AND outsider = 0", program, query, ct);
        var items = page.Items.Select(e => e.Outsider ? e with { UserId = null, UserName = null, RemoteAddress = null } : e).ToList();
        return TypedResults.Ok(page with { Items = items });
    }

    /// <summary>Every entry of every service, for operators.</summary>
    public static async Task<Ok<ListPage<Entry>>> AllAsync([AsParameters] Query query, ServiceDatabase<ProgramsModule> database, CancellationToken ct) =>
        TypedResults.Ok(await PageAsync(database, "", null, query, ct));

    private static async Task<ListPage<Entry>> PageAsync(ServiceDatabase database, string condition, string? program, Query query, CancellationToken ct)
    {
        var (where, parameters) = Filtered(condition, program, query);
        var total = await database.ExecuteScalarAsync<int>($"SELECT COUNT(*) FROM audit_log {where}", parameters, ct);
        var items = await database.QueryAsync<Entry>(database.Dialect.Page($"{ColumnsSql} {where} ORDER BY id DESC", "@offset", "@limit"), parameters, ct);
        return new ListPage<Entry>(items, query.Page, query.PageSize, total);
    }
}
