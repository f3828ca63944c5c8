using System.Security.Cryptography;
using System.Text;

namespace Matching.Platform.Auth;

/// <summary>What a request presents: the session cookie of a browser, or a personal API token.</summary>
public enum CredentialKind
{
    Session,
    Token,
}

/// <summary>
/// Secrets handed to users (session ids, API tokens) are random, shown once, and stored only as their SHA-256 hash:
/// a leaked database or log holds nothing that signs anybody in.
/// </summary>
public static class Credentials
{
    public const string SessionCookie = "matching.session";
    public const string TokenPrefix = "mt_";

    public static string NewSecret(string prefix = "") =>
        prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}

/// <summary>
/// Checks a presented credential against the account store. Registered only in a process that runs the service
/// holding the accounts (Programs); other processes trust the identity the gateway vouches for.
/// </summary>
public interface IAccountAuthenticator
{
    Task<MatchingUser?> AuthenticateAsync(CredentialKind kind, string secret, CancellationToken ct);
}
