using FluentValidation;
using Matching.Platform.Auth;
using Matching.Platform.Data;
using Matching.Platform.Http;
using Matching.Platform.Webhooks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Coordinators.Recruiters;

/// <summary>
/// A firm connects its own system: one webhook endpoint per program (Standard Webhooks signatures with a secret shown
/// once, rotated with an overlap), its delivery log, and replays. Its recruiters manage it, and the program office.
/// </summary>
internal static class FirmWebhooks
{
    public sealed record EndpointRequest(string? Url);

    public sealed record RotateRequest(int? OverlapHours);

    public sealed record ReplayFailedRequest(DateTimeOffset? Since);

    public sealed record Subscription(string Url, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string? Secret, DateTimeOffset? OlderSecretsUntil);

    public static readonly LocalizedText NoWebhook = new("この事業者の Webhook は設定されていません。", "This firm has no webhook endpoint.");
    public static readonly LocalizedText UnknownDelivery = new("この配信は見つかりません（送信中のものは再送できません）。", "This delivery does not exist (or is still being sent).");
    public static readonly LocalizedText OverlapInvalid = new("旧シークレットの有効期間は 0〜168 時間で指定してください。", "The overlap is 0 to 168 hours.");
    public static readonly LocalizedText SinceRequired = new("いつ以降の失敗を再送するか、日時を指定してください。", "Give the time since when failed deliveries are sent again.");

    public sealed class EndpointValidator : AbstractValidator<EndpointRequest>
    {
        public EndpointValidator(WebhookOptions options) =>
            RuleFor(r => r.Url).Custom((url, context) =>
            {
                if (WebhookUrl.Problem(url, options.AllowHttp) is { } problem)
                    context.AddFailure("url", problem);
            });
    }

    public sealed class RotateValidator : AbstractValidator<RotateRequest>
    {
        public RotateValidator() => RuleFor(r => r.OverlapHours).InclusiveBetween(0, 168).Message(OverlapInvalid);
    }

    public sealed class ReplayFailedValidator : AbstractValidator<ReplayFailedRequest>
    {
        public ReplayFailedValidator() => RuleFor(r => r.Since).NotNull().Message(SinceRequired);
    }

    /// <summary>The firm's recruiters and the program office may manage its webhook; anyone else finds no such firm.</summary>
    private static async Task<bool> MayManageAsync(ServiceDatabase database, string program, Guid firm, HttpContext http, CancellationToken ct)
    {
        var user = http.User.MatchingUser();
        var membership = user?.MembershipOf(program);
        if (membership?.Role == ProgramRole.Office)
            return await FirmStore.GetAsync(database, program, firm, ct) is not null;
        return membership?.Role == ProgramRole.Recruiter && await FirmStore.OfRecruiterAsync(database, program, user, ct) == firm;
    }

    public static async Task<Results<Ok<Subscription>, ProblemHttpResult>> GetAsync(
        string program, Guid id, HttpContext http, ServiceDatabase<CoordinatorsModule> database, CancellationToken ct)
    {
        if (!await MayManageAsync(database, program, id, http, ct))
            return Problems.NotFound(FirmEndpoints.UnknownFirm);
        return await WebhookSubscriptions.FindAsync(database, program, id.ToString("D"), ct) is { } s
            ? TypedResults.Ok(new Subscription(s.Url, s.CreatedAt, s.UpdatedAt, null, null))
            : Problems.NotFound(NoWebhook);
    }

    /// <summary>Sets the endpoint: the first time it answers the secret (shown only now); later it changes the address.</summary>
    public static async Task<Results<Ok<Subscription>, ProblemHttpResult>> PutAsync(
        string program, Guid id, EndpointRequest request, HttpContext http, ServiceDatabase<CoordinatorsModule> database, WebhookOptions options,
        TimeProvider clock, CancellationToken ct)
    {
        if (!await MayManageAsync(database, program, id, http, ct))
            return Problems.NotFound(FirmEndpoints.UnknownFirm);
        var now = clock.GetUtcNow();
        var owner = id.ToString("D");
        await using var tx = await database.BeginAsync(ct);
        Subscription answer;
        if (await WebhookSubscriptions.CreateAsync(tx, program, owner, request.Url!.Trim(), options, now, ct) is { } created)
        {
            answer = new Subscription(created.Subscription.Url, created.Subscription.CreatedAt, created.Subscription.UpdatedAt, created.Secret.Secret, null);
        }
        else
        {
            await WebhookSubscriptions.ChangeUrlAsync(tx, program, owner, request.Url.Trim(), options, now, ct);
            var changed = (await WebhookSubscriptions.FindAsync(tx, program, owner, ct))!;
            answer = new Subscription(changed.Url, changed.CreatedAt, changed.UpdatedAt, null, null);
        }
        var user = http.User.MatchingUser()!;
        await AuditTrail.RecordAsync(tx, new AuditEntry("webhook-set", program, user.Id, user.UserName, $"firm:{id}", answer.Url), now, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(answer);
    }

    /// <summary>A new secret; the old one keeps signing for the overlap (default from configuration), so the firm can switch without a gap.</summary>
    public static async Task<Results<Ok<Subscription>, ProblemHttpResult>> RotateAsync(
        string program, Guid id, RotateRequest request, HttpContext http, ServiceDatabase<CoordinatorsModule> database, WebhookOptions options,
        TimeProvider clock, CancellationToken ct)
    {
        if (!await MayManageAsync(database, program, id, http, ct))
            return Problems.NotFound(FirmEndpoints.UnknownFirm);
        var now = clock.GetUtcNow();
        await using var tx = await database.BeginAsync(ct);
        var overlap = request.OverlapHours is { } hours ? now.AddHours(hours) : (DateTimeOffset?)null;
        if (await WebhookSubscriptions.RotateSecretAsync(tx, program, id.ToString("D"), overlap, options, now, ct) is not { } secret)
            return Problems.NotFound(NoWebhook);
        var s = (await WebhookSubscriptions.FindAsync(tx, program, id.ToString("D"), ct))!;
        var user = http.User.MatchingUser()!;
        await AuditTrail.RecordAsync(tx, new AuditEntry("webhook-secret-rotated", program, user.Id, user.UserName, $"firm:{id}"), now, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(new Subscription(s.Url, s.CreatedAt, s.UpdatedAt, secret.Secret, secret.OlderSecretsUntil));
    }

    public sealed record LogRequest(int Page, int PageSize)
    {
        public static ValueTask<LogRequest?> BindAsync(HttpContext context)
        {
            var query = context.Request.Query;
            static int Number(string? text, int fallback) =>
                int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : fallback;
            return ValueTask.FromResult<LogRequest?>(new LogRequest(Number(query.Text("page"), 1), Number(query.Text("pageSize"), 50)));
        }
    }

    public sealed class LogValidator : AbstractValidator<LogRequest>
    {
        public LogValidator()
        {
            RuleFor(r => r.Page).ValidPage();
            RuleFor(r => r.PageSize).ValidPageSize(200);
        }
    }

    public static async Task<Results<Ok<ListPage<WebhookDeliveryEntry>>, ProblemHttpResult>> LogAsync(
        string program, Guid id, LogRequest request, HttpContext http, ServiceDatabase<CoordinatorsModule> database, CancellationToken ct)
    {
        if (!await MayManageAsync(database, program, id, http, ct))
            return Problems.NotFound(FirmEndpoints.UnknownFirm);
        return TypedResults.Ok(await WebhookDeliveries.LogAsync(database, program, id.ToString("D"), request.Page, request.PageSize, ct));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> ReplayAsync(
        string program, Guid id, string deliveryId, HttpContext http, ServiceDatabase<CoordinatorsModule> database, TimeProvider clock, CancellationToken ct)
    {
        if (!await MayManageAsync(database, program, id, http, ct))
            return Problems.NotFound(FirmEndpoints.UnknownFirm);
        await using var tx = await database.BeginAsync(ct);
        if (!await WebhookDeliveries.ReplayAsync(tx, program, id.ToString("D"), deliveryId, clock.GetUtcNow(), ct))
            return Problems.NotFound(UnknownDelivery);
        await tx.CommitAsync(ct);
        return TypedResults.NoContent();
    }

    public sealed record Replayed(int Count);

    public static async Task<Results<Ok<Replayed>, ProblemHttpResult>> ReplayFailedAsync(
        string program, Guid id, ReplayFailedRequest request, HttpContext http, ServiceDatabase<CoordinatorsModule> database, TimeProvider clock,
        CancellationToken ct)
    {
        if (!await MayManageAsync(database, program, id, http, ct))
            return Problems.NotFound(FirmEndpoints.UnknownFirm);
        await using var tx = await database.BeginAsync(ct);
        var count = await WebhookDeliveries.ReplayFailedAsync(tx, program, id.ToString("D"), request.Since!.Value, clock.GetUtcNow(), ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(new Replayed(count));
    }
}
