using FluentValidation;
using Matching.Platform.Auth;
using Matching.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Programs.Accounts;

/// <summary>
/// Personal API tokens for a recruiter's or an office's own systems: shown once at creation, stored as a hash,
/// revocable; a revoked token fails on its next request.
/// </summary>
internal static class CreateToken
{
    public sealed record Request(string Name, int? ExpiresInDays);

    public sealed record Response(Guid Id, string Name, string Token, DateTimeOffset? ExpiresAt);

    public sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Name).NotEmpty().Label(AccountTexts.TokenName).MaximumLength(100).Label(AccountTexts.TokenName);
            RuleFor(r => r.ExpiresInDays).InclusiveBetween(1, 730).Label(AccountTexts.ExpiresInDays);
        }
    }

    public static async Task<Created<Response>> HandleAsync(Request request, AccountStore store, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var user = http.User.MatchingUser()!;
        var response = await IssueAsync(store, user.Id, user.UserName, request.Name.Trim(), request.ExpiresInDays, clock, ct);
        return TypedResults.Created($"/api/me/tokens/{response.Id}", response);
    }

    public static async Task<Response> IssueAsync(AccountStore store, Guid userId, string userName, string name, int? expiresInDays,
        TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        DateTimeOffset? expires = expiresInDays is { } days ? now.AddDays(days) : null;
        await using var tx = await store.Database.BeginAsync(ct);
        var (id, secret) = await store.IssueAsync(tx, userId, CredentialKind.Token, name, expires, ct);
        await AuditTrail.RecordAsync(tx, new AuditEntry(AuditActions.TokenCreated, UserId: userId, UserName: userName, Target: id.ToString(), Detail: name), now, ct);
        await tx.CommitAsync(ct);
        return new Response(id, name, secret, expires);
    }
}

internal static class ListTokens
{
    public static async Task<Ok<IReadOnlyList<AccountStore.TokenRow>>> HandleAsync(AccountStore store, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await store.ListTokensAsync(http.User.MatchingUser()!.Id, ct));
}

internal static class RevokeToken
{
    public static async Task<Results<NoContent, ProblemHttpResult>> HandleAsync(Guid id, AccountStore store, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var user = http.User.MatchingUser()!;
        await using var tx = await store.Database.BeginAsync(ct);
        if (await store.RevokeAsync(tx, user.Id, CredentialKind.Token, id, ct) == 0)
            return Problems.NotFound(AccountTexts.UnknownToken);
        await AuditTrail.RecordAsync(tx, new AuditEntry(AuditActions.TokenRevoked, UserId: user.Id, UserName: user.UserName, Target: id.ToString()), clock.GetUtcNow(), ct);
        await tx.CommitAsync(ct);
        return TypedResults.NoContent();
    }
}
