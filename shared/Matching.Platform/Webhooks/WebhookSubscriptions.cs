using Matching.Platform.Data;

namespace Matching.Platform.Webhooks;

/// <summary>A subscriber's endpoint: one per owner (e.g. a recruiting firm) and program.</summary>
public sealed record WebhookSubscription(Guid Id, string Program, string Owner, string Url, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>A new signing secret, shown to the subscriber once; the older ones keep signing until <paramref name="OlderSecretsUntil"/>.</summary>
public sealed record WebhookSecret(string Secret, DateTimeOffset? OlderSecretsUntil);

/// <summary>
/// Subscriptions and their signing secrets. Secrets are stored as they are: HMAC signing needs the secret itself, so it
/// cannot be hashed like a password; the database's protection is the secret's protection.
/// </summary>
public static class WebhookSubscriptions
{
    internal const string InsertSql = """
        INSERT INTO webhook_subscriptions (subscription_id, program, owner_key, url, created_at, updated_at)
        VALUES (@id, @program, @owner, @url, @now, @now)
        """;

    internal const string InsertSecretSql = """
        INSERT INTO webhook_secrets (subscription_id, secret, created_at, expires_at)
        VALUES (@id, @secret, @now, NULL)
        """;

    internal const string SelectSql = """
        SELECT subscription_id AS Id, program AS Program, owner_key AS Owner, url AS Url, created_at AS CreatedAt, updated_at AS UpdatedAt
          FROM webhook_subscriptions
         WHERE program = @program AND owner_key = @owner
        """;

    internal const string ChangeUrlSql = """
        UPDATE webhook_subscriptions
           SET url = @url, updated_at = @now
         WHERE program = @program AND owner_key = @owner
        """;

    // Secrets that ended before now are deleted; the current ones end at the overlap's end, or now when it is in the past.
    internal const string ExpireSecretsSql = """
        DELETE FROM webhook_secrets
         WHERE subscription_id = @id AND expires_at IS NOT NULL AND expires_at <= @now;
        UPDATE webhook_secrets
           SET expires_at = @until
         WHERE subscription_id = @id AND (expires_at IS NULL OR expires_at > @until);
        """;

    /// <summary>
    /// Subscribes <paramref name="owner"/> with its endpoint and a first secret. Returns null when the owner already has a
    /// subscription in the program (the unique index is the guard). Throws <see cref="ArgumentException"/> for a URL that
    /// <see cref="WebhookUrl.Problem"/> refuses: validate the request first.
    /// </summary>
    public static async Task<(WebhookSubscription Subscription, WebhookSecret Secret)?> CreateAsync(
        DatabaseTransaction tx, string program, string owner, string url, WebhookOptions options, DateTimeOffset now, CancellationToken ct)
    {
        if (WebhookUrl.Problem(url, options.AllowHttp) is { } problem)
            throw new ArgumentException(problem, nameof(url));
        if (await FindAsync(tx, program, owner, ct) is not null)
            return null;
        var id = Guid.CreateVersion7(now);
        var secret = WebhookSignature.NewSecret();
        await tx.ExecuteAsync(InsertSql, new { id, program, owner, url, now }, ct);
        await tx.ExecuteAsync(InsertSecretSql, new { id, secret, now }, ct);
        return (new WebhookSubscription(id, program, owner, url, now, now), new WebhookSecret(secret, null));
    }

    public static Task<WebhookSubscription?> FindAsync(DatabaseTransaction tx, string program, string owner, CancellationToken ct) =>
        tx.QuerySingleOrDefaultAsync<WebhookSubscription>(SelectSql, new { program, owner }, ct);

    public static Task<WebhookSubscription?> FindAsync(ServiceDatabase database, string program, string owner, CancellationToken ct) =>
        database.QuerySingleOrDefaultAsync<WebhookSubscription>(SelectSql, new { program, owner }, ct);

    /// <summary>Points the subscription at another endpoint; queued deliveries go there. False when there is no subscription.</summary>
    public static async Task<bool> ChangeUrlAsync(
        DatabaseTransaction tx, string program, string owner, string url, WebhookOptions options, DateTimeOffset now, CancellationToken ct)
    {
        if (WebhookUrl.Problem(url, options.AllowHttp) is { } problem)
            throw new ArgumentException(problem, nameof(url));
        return await tx.ExecuteAsync(ChangeUrlSql, new { program, owner, url, now }, ct) == 1;
    }

    /// <summary>
    /// Adds a new secret; the current ones keep signing until <paramref name="overlapUntil"/> (default: now plus
    /// <see cref="WebhookOptions.SecretOverlap"/>), so deliveries carry both signatures while the receiver switches over.
    /// An overlap end at or before now retires the old secrets at once (a leaked secret). Null when there is no subscription.
    /// </summary>
    public static async Task<WebhookSecret?> RotateSecretAsync(
        DatabaseTransaction tx, string program, string owner, DateTimeOffset? overlapUntil, WebhookOptions options, DateTimeOffset now, CancellationToken ct)
    {
        if (await FindAsync(tx, program, owner, ct) is not { } subscription)
            return null;
        var until = overlapUntil ?? now + options.SecretOverlap;
        if (until < now)
            until = now;
        var secret = WebhookSignature.NewSecret();
        await tx.ExecuteAsync(ExpireSecretsSql, new { id = subscription.Id, now, until }, ct);
        await tx.ExecuteAsync(InsertSecretSql, new { id = subscription.Id, secret, now }, ct);
        return new WebhookSecret(secret, until);
    }
}
