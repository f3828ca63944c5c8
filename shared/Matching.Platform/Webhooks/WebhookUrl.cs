using System.Net;

namespace Matching.Platform.Webhooks;

/// <summary>The rules of a subscriber's endpoint URL, for a validator's message and the store's guard alike.</summary>
public static class WebhookUrl
{
    public const int MaxLength = 2000;

    /// <summary>Why <paramref name="url"/> cannot be an endpoint, or null when it can.</summary>
    public static string? Problem(string? url, WebhookHttp allowHttp)
    {
        if (string.IsNullOrWhiteSpace(url))
            return "The endpoint URL is required.";
        if (url.Length > MaxLength)
            return $"The endpoint URL is longer than {MaxLength} characters.";
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
            return "The endpoint URL must be an absolute http(s) URL.";
        // Credentials in a URL end up in logs and in the delivery log the subscriber's staff can read.
        if (uri.UserInfo.Length > 0)
            return "The endpoint URL must not contain a user name or password.";
        if (uri.Fragment.Length > 0)
            return "The endpoint URL must not contain a fragment (#…).";
        if (uri.Scheme == Uri.UriSchemeHttps)
            return null;
        if (uri.Scheme != Uri.UriSchemeHttp)
            return "The endpoint URL must use https.";
        return allowHttp switch
        {
            WebhookHttp.Always => null,
            WebhookHttp.Loopback when IsLoopback(uri) => null,
            _ => "The endpoint URL must use https.",
        };
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || IPAddress.TryParse(uri.DnsSafeHost, out var ip) && IPAddress.IsLoopback(ip);
}
