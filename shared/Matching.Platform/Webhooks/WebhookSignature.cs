using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using StandardWebhooks;

namespace Matching.Platform.Webhooks;

/// <summary>
/// Standard Webhooks signatures (https://www.standardwebhooks.com): <c>webhook-signature</c> is
/// <c>v1,&lt;base64 HMAC-SHA256 of "{id}.{timestamp}.{body}"&gt;</c>, one per valid secret, separated by spaces.
/// </summary>
public static class WebhookSignature
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";

    /// <summary>The spec's recommended window: a receiver refuses a timestamp further from its clock, which defeats replays of captured requests.</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    private const string SecretPrefix = "whsec_";

    /// <summary>A new secret: 32 random bytes, base64, with the spec's <c>whsec_</c> prefix.</summary>
    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>The <c>webhook-signature</c> value: one <c>v1,…</c> entry per secret, in the order given.</summary>
    public static string Sign(IEnumerable<string> secrets, string deliveryId, DateTimeOffset timestamp, string body) =>
        string.Join(' ', secrets.Select(secret => new StandardWebhook(secret).Sign(deliveryId, timestamp, body)));

    public static string Timestamp(DateTimeOffset time) => time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// True when one of the header's <c>v1</c> signatures was made with <paramref name="secret"/> and the timestamp is within
    /// <see cref="Tolerance"/> of <paramref name="now"/>. The package's own Verify is not used: it reads only the first of
    /// several space-separated signatures correctly, so a receiver holding the older secret would fail during a rotation.
    /// </summary>
    public static bool Verify(string secret, string? deliveryId, string? timestamp, string? signatureHeader, string body, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(deliveryId) || string.IsNullOrEmpty(signatureHeader)
            || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
            return false;
        var sent = DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (sent < now - Tolerance || sent > now + Tolerance)
            return false;
        StandardWebhook webhook;
        try
        {
            webhook = new StandardWebhook(secret);
        }
        catch (FormatException)
        {
            return false;
        }
        var expected = Encoding.ASCII.GetBytes(webhook.Sign(deliveryId, sent, body));
        var found = false;
        foreach (var entry in signatureHeader.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            found |= CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(entry));
        return found;
    }
}
