using Matching.Platform.Auth;

namespace Matching.Platform.Tests.Auth;

/// <summary>The signed user header between the gateway and the services, and the memory of values already checked.</summary>
public sealed class EdgeIdentityTests
{
    private static readonly MatchingUser Coordinator = new(Guid.NewGuid(), "yamada", "山田 太郎", false, [new Membership("demo", ProgramRole.Coordinator)]);

    private sealed class Clock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 4, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public void A_signed_user_is_verified_again_and_again_within_its_minute()
    {
        var clock = new Clock();
        var edge = new EdgeIdentity("secret-of-the-edge", clock);
        var signed = edge.Sign(Coordinator);

        Assert.Equal(Coordinator.UserName, edge.Verify(signed)?.UserName);
        clock.Now += TimeSpan.FromSeconds(59);
        Assert.Equal(Coordinator.UserName, edge.Verify(signed)?.UserName);
    }

    [Fact]
    public void A_remembered_value_expires_like_any_other()
    {
        var clock = new Clock();
        var edge = new EdgeIdentity("secret-of-the-edge", clock);
        var signed = edge.Sign(Coordinator);
        Assert.NotNull(edge.Verify(signed));

        clock.Now += TimeSpan.FromSeconds(61);

        Assert.Null(edge.Verify(signed));
    }

    [Fact]
    public void A_value_changed_after_a_valid_one_was_remembered_is_refused()
    {
        var clock = new Clock();
        var edge = new EdgeIdentity("secret-of-the-edge", clock);
        var signed = edge.Sign(Coordinator);
        Assert.NotNull(edge.Verify(signed));
        var dot = signed.IndexOf('.', StringComparison.Ordinal);
        var admin = edge.Sign(Coordinator with { IsAdmin = true });
        var otherPayload = admin[..admin.IndexOf('.', StringComparison.Ordinal)];

        Assert.Null(edge.Verify(otherPayload + signed[dot..]));
        Assert.Null(edge.Verify(signed + "x"));
        Assert.Null(new EdgeIdentity("another-secret", clock).Verify(signed));
    }
}
