using FluentValidation;
using Matching.Platform.Auth;
using Matching.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Programs.Accounts;

/// <summary>
/// Sign-in with user name and password: a session cookie for the browser (HttpOnly, SameSite=Lax, Secure over https).
/// Five wrong passwords in a row lock the account for a while; every attempt is audited. A wrong name, a wrong
/// password and a locked account get the same answer in about the same time.
/// </summary>
internal static class SignIn
{
    public sealed record Request(string UserName, string Password);

    public sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.UserName).NotEmpty().Label(AccountTexts.UserName).MaximumLength(100).Label(AccountTexts.UserName);
            RuleFor(r => r.Password).NotEmpty().Label(AccountTexts.Password).MaximumLength(PasswordPolicy.MaxLength).Label(AccountTexts.Password);
        }
    }

    public static async Task<Results<Ok<MatchingUser>, ProblemHttpResult>> HandleAsync(
        Request request, AccountStore store, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var remote = http.Connection.RemoteIpAddress?.ToString();
        // The hash is checked before the write transaction (on SQLite every writer of the process would wait for it),
        // and checked for an unknown user too, against a dummy hash: the answer takes as long either way.
        var known = await store.FindByNameAsync(request.UserName, ct);
        var passwordMatches = await AccountStore.VerifyPasswordAsync(known?.PasswordHash ?? DummyHash.Value, request.Password, ct) && known is not null;

        var now = clock.GetUtcNow();
        await using var tx = await store.Database.BeginAsync(ct);
        // Read again inside the transaction: a concurrent failure may have locked the account, or the password changed.
        var user = known is null ? null : await store.FindAsync(tx, known.Id, ct);
        if (user is null || user.Disabled)
        {
            await AuditTrail.RecordAsync(tx, new AuditEntry(AuditActions.SignInFailed, UserName: AccountStore.NormalizeUserName(request.UserName),
                Detail: user is null ? "unknown user" : "disabled", RemoteAddress: remote), now, ct);
            await tx.CommitAsync(ct);
            return Unauthorized();
        }
        if (user.LockedUntil is { } until && until > now)
        {
            await AuditTrail.RecordAsync(tx, new AuditEntry(AuditActions.SignInFailed, UserId: user.Id, UserName: user.UserName,
                Detail: "locked", RemoteAddress: remote), now, ct);
            await tx.CommitAsync(ct);
            return Unauthorized();
        }
        if (!passwordMatches || user.PasswordHash != known!.PasswordHash)
        {
            var failures = user.FailedSignIns + 1;
            var locks = failures >= store.Options.MaxFailedSignIns;
            await store.RecordFailureAsync(tx, user.Id, locks ? 0 : failures, locks ? now + store.Options.Lockout : null, ct);
            await AuditTrail.RecordAsync(tx, new AuditEntry(locks ? AuditActions.LockedOut : AuditActions.SignInFailed, UserId: user.Id,
                UserName: user.UserName, Detail: $"wrong password ({failures})", RemoteAddress: remote), now, ct);
            await tx.CommitAsync(ct);
            return Unauthorized();
        }
        if (user.FailedSignIns > 0 || user.LockedUntil is not null)
            await store.UnlockAsync(tx, user.Id, ct);
        var expires = now + store.Options.SessionLifetime;
        var (_, secret) = await store.IssueAsync(tx, user.Id, CredentialKind.Session, null, expires, ct);
        await AuditTrail.RecordAsync(tx, new AuditEntry(AuditActions.SignedIn, UserId: user.Id, UserName: user.UserName, RemoteAddress: remote), now, ct);
        await tx.CommitAsync(ct);

        AppendSessionCookie(http, secret, expires);
        return TypedResults.Ok((await store.GetUserAsync(user.Id, ct))!);
    }

    // A hash of nothing anyone knows, with the same cost as a real one.
    private static readonly Lazy<string> DummyHash = new(() => AccountStore.HashPassword(Credentials.NewSecret("")).Value);

    public static void AppendSessionCookie(HttpContext http, string secret, DateTimeOffset expires) =>
        http.Response.Cookies.Append(Credentials.SessionCookie, secret, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = http.Request.IsHttps,
            Path = "/",
            Expires = expires,
            IsEssential = true,
        });

    // One answer for a wrong name, a wrong password and a locked account: nobody learns which names exist.
    private static ProblemHttpResult Unauthorized() =>
        TypedResults.Problem(Problems.Of(StatusCodes.Status401Unauthorized, AccountTexts.WrongCredentials));
}

/// <summary>Ends the browser session: the session is revoked in the store, not only forgotten by the browser.</summary>
internal static class SignOut
{
    public static async Task<NoContent> HandleAsync(AccountStore store, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        if (http.Request.Cookies[Credentials.SessionCookie] is { Length: > 0 } secret)
        {
            var user = http.User.MatchingUser();
            await using var tx = await store.Database.BeginAsync(ct);
            if (await store.RevokeSessionAsync(tx, secret, ct) > 0)
                await AuditTrail.RecordAsync(tx, new AuditEntry(AuditActions.SignedOut, UserId: user?.Id, UserName: user?.UserName), clock.GetUtcNow(), ct);
            await tx.CommitAsync(ct);
        }
        http.Response.Cookies.Delete(Credentials.SessionCookie, new CookieOptions { Path = "/" });
        return TypedResults.NoContent();
    }
}

/// <summary>Who am I: the signed-in user with their programs and roles (the UI and the gateway ask this).</summary>
internal static class Me
{
    public static Ok<MatchingUser> Handle(HttpContext http) => TypedResults.Ok(http.User.MatchingUser()!);
}
