using System.Net;
using System.Net.Http.Json;
using Matching.Testing;

namespace Matching.Programs.Tests.Accounts;

public sealed class PasswordRuleTests(EmbeddedProductFixture fixture) : IClassFixture<EmbeddedProductFixture>
{
    private EmbeddedProduct Product => fixture.Product;

    [Theory]
    [InlineData("aaaaaaaaaaaa", "同じ文字を繰り返しただけのパスワードは使えません。")]
    [InlineData("1234567890", "よく使われていて推測されやすいパスワードです。別のパスワードにしてください。")]
    [InlineData("Password123", "よく使われていて推測されやすいパスワードです。別のパスワードにしてください。")]
    [InlineData("qwertyuiop", "よく使われていて推測されやすいパスワードです。別のパスワードにしてください。")]
    public async Task An_obviously_weak_password_is_refused_on_its_field(string password, string message)
    {
        var userName = UniqueName("weak");

        var response = await Product.Admin.PostAsJsonAsync("/api/users", new { userName, displayName = "弱い 太郎", password, isAdmin = false });

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(message, Assert.Single(problem.Errors["password"]));
        Assert.Equal(0, Product.Count("programs", $"users WHERE user_name = '{userName}'"));
    }

    [Fact]
    public async Task The_user_name_or_the_display_name_as_password_is_refused_in_English_when_asked()
    {
        var userName = UniqueName("same");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/users")
        {
            Content = JsonContent.Create(new { userName, displayName = "Hokkaido Taro", password = "Hokkaido Taro", isAdmin = false }),
        };
        request.Headers.AcceptLanguage.ParseAdd("en");

        var byDisplayName = await Problem.ReadAsync(await Product.Admin.SendAsync(request), HttpStatusCode.BadRequest);
        var byUserName = await Problem.ReadAsync(
            await Product.Admin.PostAsJsonAsync("/api/users", new { userName, displayName = "表示名", password = userName.ToUpperInvariant(), isAdmin = false }),
            HttpStatusCode.BadRequest);

        Assert.Equal("The password must differ from the user name and the display name.", Assert.Single(byDisplayName.Errors["password"]));
        Assert.Equal("ユーザー名や表示名と同じパスワードは使えません。", Assert.Single(byUserName.Errors["password"]));
        Assert.Equal(0, Product.Count("programs", $"users WHERE user_name = '{userName}'"));
    }

    [Fact]
    public async Task A_password_longer_than_sign_in_accepts_is_refused_at_creation()
    {
        var userName = UniqueName("long");
        var password = string.Concat(Enumerable.Range(0, 25).Select(i => $"long-{i:D4}-")); // 250 characters

        var response = await Product.Admin.PostAsJsonAsync("/api/users", new { userName, displayName = "長い 太郎", password, isAdmin = false });
        var signIn = await Product.Anonymous.PostAsJsonAsync("/api/session", new { userName, password });

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("パスワードは 200 文字以内にしてください。", Assert.Single(problem.Errors["password"]));
        Assert.Equal(HttpStatusCode.BadRequest, signIn.StatusCode);
        Assert.Equal(0, Product.Count("programs", $"users WHERE user_name = '{userName}'"));
    }

    [Fact]
    public async Task A_password_of_the_longest_length_sign_in_accepts_can_be_set_and_used()
    {
        var userName = UniqueName("max");
        var password = string.Concat(Enumerable.Range(0, 20).Select(i => $"max-{i:D4}-x")); // 200 characters

        var created = await Product.Admin.PostAsJsonAsync("/api/users", new { userName, displayName = "最長 太郎", password, isAdmin = false });
        var signIn = await Product.Anonymous.PostAsJsonAsync("/api/session", new { userName, password });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
    }

    [Fact]
    public async Task The_command_line_refuses_a_common_password_when_adding_a_user_and_when_changing_one()
    {
        using var folder = new TempFolder("matching-passwords");
        string[] data = ["--Matching:Database:DataDirectory", Path.Combine(folder.Path, "data")];

        var added = await HostCommand.RunAsync(folder.Path, ["users", "add", "ops-common", "--password", "iloveyou12", .. data], expectedExitCode: 2);
        var created = await HostCommand.RunAsync(folder.Path, ["users", "add", "ops-good", "--password", "kitami-harbour-lights", .. data]);
        var changed = await HostCommand.RunAsync(folder.Path, ["users", "password", "ops-good", "--password", "zzzzzzzzzzzz", .. data], expectedExitCode: 2);
        var tooLong = await HostCommand.RunAsync(folder.Path, ["users", "password", "ops-good", "--password", new string('x', 120) + new string('y', 120), .. data], expectedExitCode: 2);

        Assert.Contains("error: This password is among the most commonly used and easily guessed: please choose another.", added, StringComparison.Ordinal);
        Assert.Contains("created ops-good", created, StringComparison.Ordinal);
        Assert.Contains("error: A password of one character repeated is not allowed.", changed, StringComparison.Ordinal);
        Assert.Contains("error: The password must be at most 200 characters long.", tooLong, StringComparison.Ordinal);
    }

    private static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..24];
}
