using System.Globalization;
using FluentValidation;
using Matching.Platform.Data;
using Matching.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Coordinators.Consultations;

/// <summary>
/// 次回アクション — the next actions consultations set, due up to a day (overdue ones included), optionally of one
/// coordinator (by account). A next action stands until the company's next consultation is logged after it, and a
/// voided consultation sets none.
/// </summary>
internal static class NextActions
{
    public sealed record Request(DateOnly? To, Guid? Coordinator, bool Unreadable)
    {
        public static ValueTask<Request?> BindAsync(HttpContext context)
        {
            var query = context.Request.Query;
            var unreadable = false;
            DateOnly? to = null;
            if (query.Text("to") is { } text)
            {
                if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                    to = d;
                else
                    unreadable = true;
            }
            Guid? coordinator = null;
            if (query.Text("coordinator") is { } id)
            {
                if (Guid.TryParse(id, out var g))
                    coordinator = g;
                else
                    unreadable = true;
            }
            return ValueTask.FromResult<Request?>(new Request(to, coordinator, unreadable));
        }
    }

    public sealed record Item(Guid ConsultationId, Guid CompanyId, string? CompanyName, DateOnly Date, string NextAction, DateOnly DueOn);

    public static readonly LocalizedText ToNeeded = new(
        "to（いつまでに期限が来るものか）を YYYY-MM-DD で指定してください。coordinator は利用者の ID です。",
        "Give to (due up to this day) as YYYY-MM-DD; coordinator is a user id.");

    public sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.To).NotNull().Message(ToNeeded).When(r => !r.Unreadable);
            RuleFor(r => r.Unreadable).Equal(false).Message(ToNeeded).OverridePropertyName("to");
        }
    }

    /// <summary>At most this many: a coordinator's list of things to do, not an export.</summary>
    public const int Limit = 200;

    internal const string Sql = """
        SELECT c.id AS ConsultationId, c.company_id AS CompanyId, co.name AS CompanyName, c.date AS Date,
               c.next_action AS NextAction, c.next_action_date AS DueOn
          FROM consultations c LEFT JOIN companies co ON co.id = c.company_id
         WHERE c.program = @program AND c.voided_at IS NULL AND c.next_action_date IS NOT NULL AND c.next_action_date <= @to
           AND c.next_action IS NOT NULL
           AND (@coordinator IS NULL OR EXISTS (SELECT 1 FROM consultation_coordinators cc WHERE cc.consultation_id = c.id AND cc.user_id = @coordinator))
           AND NOT EXISTS (SELECT 1 FROM consultations later
                            WHERE later.program = c.program AND later.company_id = c.company_id AND later.voided_at IS NULL
                              AND later.id <> c.id AND later.date >= c.date AND later.logged_at > c.logged_at)
         ORDER BY c.next_action_date, co.name, c.id
        """;

    public static async Task<Ok<IReadOnlyList<Item>>> HandleAsync(
        string program, Request request, ServiceDatabase<CoordinatorsModule> database, CancellationToken ct)
    {
        var items = await database.QueryAsync<Item>(database.Dialect.Page(Sql, "@offset", "@limit"),
            new { program, to = request.To!.Value, coordinator = request.Coordinator, offset = 0, limit = Limit }, ct);
        return TypedResults.Ok(items);
    }
}
