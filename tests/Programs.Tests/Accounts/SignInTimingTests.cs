using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Matching.Testing;

namespace Matching.Programs.Tests.Accounts;

/// <summary>
/// Behaviour checks of how long sign-in takes, not speed assertions: each compares two timings taken side by side on
/// the same machine, with a wide margin.
/// </summary>
public sealed class SignInTimingTests(EmbeddedProductFixture fixture) : IClassFixture<EmbeddedProductFixture>
{
    private EmbeddedProduct Product => fixture.Product;

    [Fact]
    public async Task An_unknown_user_name_is_refused_about_as_slowly_as_a_wrong_password()
    {
        // Several known users, so that no one reaches the lockout (which would be a different path).
        var known = new List<string>();
        for (var i = 0; i < 5; i++)
            known.Add(await NewUserAsync());
        using var client = new HttpClient { BaseAddress = Product.Address };
        await SignInAsync(client, "warm-up-unknown", "wrong-password-0");
        var unknown = new List<double>();
        var wrongPassword = new List<double>();

        for (var i = 0; i < 15; i++)
        {
            unknown.Add(await TimeAsync(() => SignInAsync(client, $"nobody-{Guid.NewGuid():N}"[..20], "wrong-password-1")));
            wrongPassword.Add(await TimeAsync(() => SignInAsync(client, known[i % known.Count], "wrong-password-1")));
        }

        var (u, k) = (Median(unknown), Median(wrongPassword));
        Assert.True(u >= k / 2, $"unknown user {u:F1} ms, wrong password {k:F1} ms: the answer tells which user names exist");
    }

    [Fact]
    public async Task Other_programs_writes_do_not_wait_for_password_hashing_while_many_clients_sign_in()
    {
        var userName = await NewUserAsync();
        using var client = new HttpClient { BaseAddress = Product.Address };
        await SignInAsync(client, userName, Password, HttpStatusCode.OK);
        var alone = new List<double>();
        for (var i = 0; i < 3; i++)
            alone.Add(await TimeAsync(() => SignInAsync(client, userName, Password, HttpStatusCode.OK)));
        using var stop = new CancellationTokenSource();
        var signingIn = Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            using var own = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = Product.Address };
            while (!stop.IsCancellationRequested)
                await SignInAsync(own, userName, Password, HttpStatusCode.OK);
        })).ToList();
        await Task.Delay(TimeSpan.FromMilliseconds(500)); // let the sign-ins queue up

        var writes = new List<double>();
        for (var i = 0; i < 7; i++)
            writes.Add(await TimeAsync(async () => Assert.Equal(HttpStatusCode.Created,
                (await Product.Admin.PostAsJsonAsync("/api/me/tokens", new { name = $"while signing in {i}" })).StatusCode)));
        await stop.CancelAsync();
        await Task.WhenAll(signingIn);

        var (write, signIn) = (Median(writes), Median(alone));
        // Holding the one SQLite writer during each hash makes a write wait for every sign-in queued before it (~16 × one sign-in).
        Assert.True(write < 4 * signIn, $"a write took {write:F0} ms while 16 clients signed in; one sign-in alone takes {signIn:F0} ms");
    }

    private const string Password = "timing-password-1";

    private async Task<string> NewUserAsync()
    {
        var userName = $"timing-{Guid.NewGuid():N}"[..24];
        using var response = await Product.Admin.PostAsJsonAsync("/api/users", new { userName, displayName = userName, password = Password, isAdmin = false });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return userName;
    }

    private static async Task SignInAsync(HttpClient client, string userName, string password, HttpStatusCode expected = HttpStatusCode.Unauthorized)
    {
        using var response = await client.PostAsJsonAsync("/api/session", new { userName, password });
        Assert.Equal(expected, response.StatusCode);
    }

    private static async Task<double> TimeAsync(Func<Task> action)
    {
        var watch = Stopwatch.StartNew();
        await action();
        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
