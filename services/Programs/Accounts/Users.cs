using FluentValidation;
using Matching.Platform.Auth;
using Matching.Platform.Data;
using Matching.Platform.Http;
using Matching.Platform.Tenancy;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Programs.Accounts;

/// <summary>Operators manage users: create them, give them roles in programs, unlock them.</summary>
internal static class CreateUser
{
    /// <param name="Email">Where the user is told of changes that concern them (optional; they can set it themselves).</param>
    public sealed record Request(string UserName, string DisplayName, string Password, bool IsAdmin, IReadOnlyList<Membership>? Memberships, string? Email = null);

    public sealed class Validator : AbstractValidator<Request>
    {
        public Validator(AccountOptions options)
        {
            RuleFor(r => r.UserName).NotEmpty().Label(AccountTexts.UserName)
                .Matches("^[A-Za-z0-9._-]{3,100}$").Message(AccountTexts.UserNameShape);
            RuleFor(r => r.DisplayName).NotEmpty().Label(AccountTexts.DisplayName).MaximumLength(200).Label(AccountTexts.DisplayName);
            RuleFor(r => r.Password).NotEmpty().Label(AccountTexts.Password).Custom((password, context) =>
            {
                var request = context.InstanceToValidate;
                if (PasswordPolicy.Refusal(password, request.UserName ?? "", request.DisplayName, options.MinPasswordLength) is { } refusal)
                    context.AddFailure(refusal.ToString());
            });
            RuleFor(r => r.Memberships).SetValidator(new MembershipsValidator()!);
            RuleFor(r => r.Email).Must(EmailAddress.IsValid).Message(AccountTexts.EmailInvalid).When(r => !string.IsNullOrWhiteSpace(r.Email));
        }
    }

    public sealed class MembershipsValidator : AbstractValidator<IReadOnlyList<Membership>>
    {
        public MembershipsValidator()
        {
            RuleFor(list => list).Must(list => list.Select(m => m.Program).Distinct(StringComparer.Ordinal).Count() == list.Count)
                .Message(AccountTexts.DuplicateProgram).OverridePropertyName("memberships");
            RuleForEach(list => list).ChildRules(m =>
            {
                m.RuleFor(x => x.Program).NotEmpty().Label(AccountTexts.Program);
                m.RuleFor(x => x.Firm).NotEmpty().When(x => x.Role == ProgramRole.Recruiter).Message(AccountTexts.FirmRequired);
                m.RuleFor(x => x.Level).Null().When(x => x.Role != ProgramRole.Coordinator).Message(AccountTexts.LevelOnlyForCoordinators);
            }).OverridePropertyName("memberships");
        }
    }

    /// <summary>
    /// A membership names a program that exists now: a role in a slug nobody has created yet would grant access to
    /// whoever creates it later.
    /// </summary>
    internal static async Task<ValidationProblem?> UnknownProgramsAsync(DatabaseTransaction tx, IReadOnlyList<Membership> memberships, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        for (var i = 0; i < memberships.Count; i++)
        {
            if (!await ProgramDirectory.ExistsAsync(tx, memberships[i].Program, ct))
                errors[$"memberships[{i}].program"] = [PlatformTexts.UnknownProgram.Format(memberships[i].Program).ToString()];
        }
        return errors.Count == 0 ? null : Problems.Invalid(errors);
    }

    public static async Task<Results<Created<MatchingUser>, ProblemHttpResult, ValidationProblem>> HandleAsync(
        Request request, AccountStore store, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var admin = http.User.MatchingUser()!;
        var memberships = request.Memberships ?? [];
        // Hashed before the transaction: on SQLite every writer of the process waits while a transaction is open.
        var hash = AccountStore.HashPassword(request.Password);
        await using var tx = await store.Database.BeginAsync(ct);
        if (await store.FindByNameAsync(tx, request.UserName, ct) is not null)
            return Problems.Conflict(AccountTexts.UserNameTaken);
        if (await UnknownProgramsAsync(tx, memberships, ct) is { } unknown)
            return unknown;
        var (resolved, firmProblem) = await RecruiterFirms.ResolveAsync(tx, memberships, clock.GetUtcNow(), ct);
        if (firmProblem is not null)
            return firmProblem;
        memberships = resolved;
        var id = await store.CreateUserAsync(tx, request.UserName, request.DisplayName, hash, request.IsAdmin, memberships, ct);
        if (!string.IsNullOrWhiteSpace(request.Email))
            await AccountStore.SetNotificationAddressAsync(tx, id, request.Email, ct);
        await AuditTrail.RecordAsync(tx, new AuditEntry(AuditActions.UserCreated, UserId: admin.Id, UserName: admin.UserName,
            Target: AccountStore.NormalizeUserName(request.UserName), Detail: AccountStore.Describe(memberships) + (request.IsAdmin ? " admin" : "")), clock.GetUtcNow(), ct);
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/users/{id}", (await store.GetUserAsync(id, ct))!);
    }
}

internal static class ListUsers
{
    /// <summary>Every user with the account's state: notification address, deactivated, locked until.</summary>
    public static async Task<Ok<IReadOnlyList<AccountStore.Account>>> HandleAsync(AccountStore store, CancellationToken ct) =>
        TypedResults.Ok(await store.ListAccountsAsync(ct));
}

/// <summary>
/// An operator sets a new password for a user who lost theirs (every open session of the user ends), and deactivates an
/// account (sign-in refused, sessions and API tokens revoked) or activates it again. Never their own account.
/// </summary>
internal static class UserAccountCommands
{
    public sealed record PasswordRequest(string Password);

    public static readonly LocalizedText NotYourself = new(
        "自分自身のアカウントは無効にできません。", "You cannot deactivate your own account.");

    public sealed class PasswordValidator : AbstractValidator<PasswordRequest>
    {
        public PasswordValidator(AccountOptions options) =>
            RuleFor(r => r.Password).NotEmpty().Label(AccountTexts.Password).Custom((password, context) =>
            {
                if (PasswordPolicy.Refusal(password, "", "", options.MinPasswordLength) is { } refusal)
                    context.AddFailure(refusal.ToString());
            });
    }

    public static async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> PasswordAsync(
        Guid id, PasswordRequest request, AccountStore store, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var admin = http.User.MatchingUser()!;
        var known = await store.GetUserAsync(id, ct);
        if (known is null)
            return Problems.NotFound(AccountTexts.UnknownUser);
        if (PasswordPolicy.Refusal(request.Password, known.UserName, known.DisplayName, store.Options.MinPasswordLength) is { } refusal)
            return Problems.Invalid("password", refusal);
        // Hashed before the transaction: on SQLite every writer of the process waits while a transaction is open.
        var hash = AccountStore.HashPassword(request.Password);
        await using var tx = await store.Database.BeginAsync(ct);
        await store.SetPasswordAsync(tx, id, hash, ct);
        await store.RevokeAsync(tx, id, CredentialKind.Session, null, ct);
        await AuditTrail.RecordAsync(tx, new AuditEntry(AuditActions.PasswordChanged, UserId: admin.Id, UserName: admin.UserName, Target: known.UserName,
            Detail: "reset by an operator"), clock.GetUtcNow(), ct);
        await tx.CommitAsync(ct);
        return TypedResults.NoContent();
    }

    public static Task<Results<NoContent, ProblemHttpResult>> DeactivateAsync(Guid id, AccountStore store, HttpContext http, TimeProvider clock, CancellationToken ct) =>
        SetDisabledAsync(id, true, store, http, clock, ct);

    public static Task<Results<NoContent, ProblemHttpResult>> ActivateAsync(Guid id, AccountStore store, HttpContext http, TimeProvider clock, CancellationToken ct) =>
        SetDisabledAsync(id, false, store, http, clock, ct);

    private static async Task<Results<NoContent, ProblemHttpResult>> SetDisabledAsync(
        Guid id, bool disabled, AccountStore store, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var admin = http.User.MatchingUser()!;
        if (disabled && id == admin.Id)
            return Problems.Conflict(NotYourself);
        await using var tx = await store.Database.BeginAsync(ct);
        var user = await store.FindAsync(tx, id, ct);
        if (user is null)
            return Problems.NotFound(AccountTexts.UnknownUser);
        await AccountStore.SetDisabledAsync(tx, id, disabled, clock.GetUtcNow(), ct);
        if (disabled)
        {
            await store.RevokeAsync(tx, id, CredentialKind.Session, null, ct);
            await store.RevokeAsync(tx, id, CredentialKind.Token, null, ct);
        }
        await AuditTrail.RecordAsync(tx, new AuditEntry(disabled ? AuditActions.Deactivated : AuditActions.Activated, UserId: admin.Id, UserName: admin.UserName,
            Target: user.UserName), clock.GetUtcNow(), ct);
        await tx.CommitAsync(ct);
        return TypedResults.NoContent();
    }
}

/// <summary>The firms of a program's registry, as Programs knows them, for choosing a recruiter's firm.</summary>
internal static class ListRecruitingFirms
{
    public sealed record Entry(string FirmId, string Name, string Status);

    public static async Task<Ok<IReadOnlyList<Entry>>> HandleAsync(string program, AccountStore store, CancellationToken ct) =>
        TypedResults.Ok(await store.Database.QueryAsync<Entry>(
            "SELECT firm_id AS FirmId, name AS Name, status AS Status FROM recruiting_firms WHERE program = @program ORDER BY name", new { program }, ct));
}

internal static class ChangeMemberships
{
    public sealed record Request(IReadOnlyList<Membership> Memberships);

    public sealed class Validator : AbstractValidator<Request>
    {
        public Validator() => RuleFor(r => r.Memberships).NotNull().SetValidator(new CreateUser.MembershipsValidator());
    }

    public static async Task<Results<Ok<MatchingUser>, ProblemHttpResult, ValidationProblem>> HandleAsync(
        Guid id, Request request, AccountStore store, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var admin = http.User.MatchingUser()!;
        await using var tx = await store.Database.BeginAsync(ct);
        var user = await store.FindAsync(tx, id, ct);
        if (user is null)
            return Problems.NotFound(AccountTexts.UnknownUser);
        if (await CreateUser.UnknownProgramsAsync(tx, request.Memberships, ct) is { } unknown)
            return unknown;
        var (memberships, firmProblem) = await RecruiterFirms.ResolveAsync(tx, request.Memberships, clock.GetUtcNow(), ct);
        if (firmProblem is not null)
            return firmProblem;
        await store.ReplaceMembershipsAsync(tx, id, memberships, ct);
        await AuditTrail.RecordAsync(tx, new AuditEntry(AuditActions.RolesChanged, UserId: admin.Id, UserName: admin.UserName,
            Target: user.UserName, Detail: AccountStore.Describe(memberships)), clock.GetUtcNow(), ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok((await store.GetUserAsync(id, ct))!);
    }
}

internal static class UnlockUser
{
    public static async Task<Results<NoContent, ProblemHttpResult>> HandleAsync(Guid id, AccountStore store, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var admin = http.User.MatchingUser()!;
        await using var tx = await store.Database.BeginAsync(ct);
        var user = await store.FindAsync(tx, id, ct);
        if (user is null)
            return Problems.NotFound(AccountTexts.UnknownUser);
        await store.UnlockAsync(tx, id, ct);
        await AuditTrail.RecordAsync(tx, new AuditEntry(AuditActions.Unlocked, UserId: admin.Id, UserName: admin.UserName, Target: user.UserName), clock.GetUtcNow(), ct);
        await tx.CommitAsync(ct);
        return TypedResults.NoContent();
    }
}

/// <summary>The signed-in user's own notification address (通知先メールアドレス): where a firm's answer to their referral reaches them.</summary>
internal static class NotificationAddress
{
    public sealed record Settings(string? Email);

    public sealed class Validator : AbstractValidator<Settings>
    {
        public Validator() =>
            RuleFor(r => r.Email).Must(EmailAddress.IsValid).Message(AccountTexts.EmailInvalid).When(r => !string.IsNullOrWhiteSpace(r.Email));
    }

    public static async Task<Ok<Settings>> GetAsync(AccountStore store, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(new Settings(await store.NotificationAddressAsync(http.User.MatchingUser()!.Id, ct)));

    public static async Task<Ok<Settings>> PutAsync(Settings request, AccountStore store, HttpContext http, CancellationToken ct)
    {
        var user = http.User.MatchingUser()!;
        await using var tx = await store.Database.BeginAsync(ct);
        await AccountStore.SetNotificationAddressAsync(tx, user.Id, request.Email, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(new Settings(await store.NotificationAddressAsync(user.Id, ct)));
    }
}
