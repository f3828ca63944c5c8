using FluentValidation;
using Matching.Platform.Data;
using Matching.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Programs.Accounts;

/// <summary>The audit log of accounts: sign-ins, lockouts, tokens, role changes and refusals, newest first.</summary>
internal static class ListAuditLog
{
    public sealed record Entry(long Id, DateTimeOffset OccurredAt, string? Program, Guid? UserId, string? UserName, string Action,
        string? Target, string? Detail, string? RemoteAddress);

    private const string Columns = """
        id AS Id, occurred_at AS OccurredAt, program AS Program, user_id AS UserId, user_name AS UserName, action AS Action,
        target AS Target, detail AS Detail, remote_address AS RemoteAddress
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

    /// <summary>The program's own entries (refusals within it), newest first.</summary>
    public static Task<Ok<ListPage<Entry>>> ForProgramAsync(string program, [AsParameters] Query query,
        ServiceDatabase<ProgramsModule> database, CancellationToken ct) => PageAsync(database, "WHERE program = @program", program, query, ct);

    /// <summary>Every entry: sign-ins, lockouts, tokens, users and roles, refusals.</summary>
    public static Task<Ok<ListPage<Entry>>> AllAsync([AsParameters] Query query, ServiceDatabase<ProgramsModule> database, CancellationToken ct) =>
        PageAsync(database, "", null, query, ct);

    private static async Task<Ok<ListPage<Entry>>> PageAsync(ServiceDatabase database, string where, string? program, Query query, CancellationToken ct)
    {
        var parameters = new { program, offset = Paging.Offset(query.Page, query.PageSize), limit = query.PageSize };
        var total = await database.ExecuteScalarAsync<int>($"SELECT COUNT(*) FROM audit_log {where}", parameters, ct);
        var items = await database.QueryAsync<Entry>(
            database.Dialect.Page($"SELECT {Columns} FROM audit_log {where} ORDER BY id DESC", "@offset", "@limit"), parameters, ct);
        return TypedResults.Ok(new ListPage<Entry>(items, query.Page, query.PageSize, total));
    }
}
