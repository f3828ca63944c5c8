using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Matching.Platform.Auth;

/// <summary>
/// In the distributed shape the gateway authenticates a request once and passes the user on to the service
/// process in <see cref="Header"/>, signed with the secret all processes share (<c>Matching:Auth:EdgeSecret</c>)
/// and valid for a minute. A service never accepts the header without a valid signature, and the gateway drops
/// any such header a client sends.
/// </summary>
public sealed class EdgeIdentity(string secret, TimeProvider clock)
{
    public const string Header = "X-Matching-Identity";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    private const int RememberedLimit = 10_000;

    private readonly byte[] key = Encoding.UTF8.GetBytes(secret);

    // A signed header is checked once: the same value (a user's requests within its minute) is then known until it
    // expires. Only values whose signature held are remembered; the set is emptied when it grows past its limit.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Envelope> verified = new(StringComparer.Ordinal);

    private sealed record Envelope(MatchingUser User, DateTimeOffset Expires);

    public string Sign(MatchingUser user)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(new Envelope(user, clock.GetUtcNow() + Lifetime), Http.MatchingJson.Options);
        return Base64Url(payload) + "." + Base64Url(HMACSHA256.HashData(key, payload));
    }

    public MatchingUser? Verify(string value)
    {
        if (verified.TryGetValue(value, out var known))
            return known.Expires > clock.GetUtcNow() ? known.User : Forget(value);
        var dot = value.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0)
            return null;
        try
        {
            var payload = FromBase64Url(value[..dot]);
            var signature = FromBase64Url(value[(dot + 1)..]);
            if (!CryptographicOperations.FixedTimeEquals(signature, HMACSHA256.HashData(key, payload)))
                return null;
            var envelope = JsonSerializer.Deserialize<Envelope>(payload, Http.MatchingJson.Options);
            if (envelope is null || envelope.Expires <= clock.GetUtcNow())
                return null;
            if (verified.Count >= RememberedLimit)
                verified.Clear();
            verified[value] = envelope;
            return envelope.User;
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return null;
        }
    }

    private MatchingUser? Forget(string value)
    {
        verified.TryRemove(value, out _);
        return null;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s + new string('=', (4 - s.Length % 4) % 4));
    }
}
