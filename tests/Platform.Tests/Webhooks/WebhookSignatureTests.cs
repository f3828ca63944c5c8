using Matching.Testing;
using Matching.Platform.Webhooks;
using Microsoft.AspNetCore.Http;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;

namespace Matching.Platform.Tests.Webhooks;

public sealed class WebhookSignatureTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    [Fact]
    public void A_signature_older_than_the_tolerance_is_refused()
    {
        var secret = WebhookSignature.NewSecret();
        var sentAt = Now - WebhookSignature.Tolerance - TimeSpan.FromSeconds(5);
        var signature = WebhookSignature.Sign([secret], "msg_1", sentAt, "{}");

        Assert.False(WebhookSignature.Verify(secret, "msg_1", WebhookSignature.Timestamp(sentAt), signature, "{}", Now));
    }

    [Fact]
    public void The_packages_own_verifier_accepts_our_single_signature()
    {
        var secret = WebhookSignature.NewSecret();
        var headers = Headers(WebhookSignature.Sign([secret], "msg_1", Now, "{}"));

        new StandardWebhook(secret).Verify("{}", headers);
    }

    /// <summary>Why <see cref="WebhookSignature.Verify"/> does not call the package: when this starts failing, the package reads both.</summary>
    [Fact]
    public void The_packages_own_verifier_misses_the_second_of_two_signatures()
    {
        var (current, older) = (WebhookSignature.NewSecret(), WebhookSignature.NewSecret());
        var headers = Headers(WebhookSignature.Sign([current, older], "msg_1", Now, "{}"));

        Assert.Throws<WebhookVerificationException>(() => new StandardWebhook(older).Verify("{}", headers));
        Assert.True(WebhookSignature.Verify(older, "msg_1", WebhookSignature.Timestamp(Now), headers["webhook-signature"], "{}", Now));
    }

    private static HeaderDictionary Headers(string signature) => new()
    {
        ["webhook-id"] = "msg_1",
        ["webhook-timestamp"] = WebhookSignature.Timestamp(Now),
        ["webhook-signature"] = signature,
    };
}
