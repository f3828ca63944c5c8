using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Matching.Testing;

namespace Matching.Programs.Tests.Accounts;

/// <summary>Operators reset a lost password, deactivate and activate an account through the API the operators' screens use.</summary>
public sealed class OperatorCommandTests(EmbeddedProductFixture fixture) : IClassFixture<EmbeddedProductFixture>
{
    private EmbeddedProduct Product => fixture.Product;

    private async Task<(Guid Id, string UserName)> NewUserAsync()
    {
        var userName = $"op-{Guid.NewGuid():N}"[..20];
        var created = await Product.Admin.PostAsJsonAsync("/api/users", new
        {
            userName, displayName = "操作 対象", password = TestUsers.Password, isAdmin = false,
            memberships = new[] { new { program = "demo", role = "coordinator", level = "sub" } }, email = "taisho@example.jp",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return ((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid(), userName);
    }

    [Fact]
    public async Task A_reset_password_ends_the_users_sessions_and_a_weak_one_is_refused_with_the_reason()
    {
        var (id, userName) = await NewUserAsync();
        using var session = await TestUsers.SignInAsync(Product.Address, userName);
        var weak = await Problem.ReadAsync(await Product.Admin.PostAsJsonAsync($"/api/users/{id}/password", new { password = userName }), HttpStatusCode.BadRequest);
        Assert.Contains("パスワード", weak.Errors["password"][0]);

        (await Product.Admin.PostAsJsonAsync($"/api/users/{id}/password", new { password = "a-new-long-password-7" })).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.Unauthorized, (await session.GetAsync("/api/me")).StatusCode);
        using var again = await TestUsers.SignInAsync(Product.Address, userName, "a-new-long-password-7");
        Assert.Equal(userName, (await again.GetFromJsonAsync<JsonElement>("/api/me")).GetProperty("userName").GetString());
        await Assert.ThrowsAsync<InvalidOperationException>(() => TestUsers.SignInAsync(Product.Address, userName));
    }

    [Fact]
    public async Task A_deactivated_account_cannot_sign_in_or_use_its_token_until_activated_and_an_operator_cannot_deactivate_themselves()
    {
        var (id, userName) = await NewUserAsync();
        using var session = await TestUsers.SignInAsync(Product.Address, userName);
        var token = (await (await session.PostAsJsonAsync("/api/me/tokens", new { name = "script" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();

        (await Product.Admin.PostAsync($"/api/users/{id}/deactivate", null)).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.Unauthorized, (await session.GetAsync("/api/me")).StatusCode);
        using var bearer = new HttpClient { BaseAddress = Product.Address };
        bearer.DefaultRequestHeaders.Authorization = new("Bearer", token);
        Assert.Equal(HttpStatusCode.Unauthorized, (await bearer.GetAsync("/api/me")).StatusCode);
        await Assert.ThrowsAsync<InvalidOperationException>(() => TestUsers.SignInAsync(Product.Address, userName));
        var listed = (await Product.Admin.GetFromJsonAsync<JsonElement>("/api/users")).EnumerateArray().Single(u => u.GetProperty("id").GetGuid() == id);
        Assert.True(listed.GetProperty("disabled").GetBoolean());
        Assert.Equal("taisho@example.jp", listed.GetProperty("email").GetString());

        (await Product.Admin.PostAsync($"/api/users/{id}/activate", null)).EnsureSuccessStatusCode();
        using var back = await TestUsers.SignInAsync(Product.Address, userName);

        var me = (await Product.Admin.GetFromJsonAsync<JsonElement>("/api/me")).GetProperty("id").GetGuid();
        var refused = await Problem.ReadAsync(await Product.Admin.PostAsync($"/api/users/{me}/deactivate", null), HttpStatusCode.Conflict);
        Assert.Equal("自分自身のアカウントは無効にできません。", refused.Title);
        Assert.Equal(HttpStatusCode.NotFound, (await Product.Admin.PostAsync($"/api/users/{Guid.NewGuid()}/deactivate", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await back.PostAsync($"/api/users/{id}/deactivate", null)).StatusCode);
    }

    [Fact]
    public async Task The_audit_log_filters_by_action_user_and_period_and_refuses_a_period_that_ends_before_it_starts()
    {
        var (id, userName) = await NewUserAsync();
        (await Product.Admin.PostAsync($"/api/users/{id}/deactivate", null)).EnsureSuccessStatusCode();
        (await Product.Admin.PostAsync($"/api/users/{id}/activate", null)).EnsureSuccessStatusCode();
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var deactivations = await Product.Admin.GetFromJsonAsync<JsonElement>($"/api/audit?action=deactivated&from={today}&to={today}");
        Assert.Contains(deactivations.GetProperty("items").EnumerateArray(), e => e.GetProperty("target").GetString() == userName);
        Assert.All(deactivations.GetProperty("items").EnumerateArray(), e => Assert.Equal("deactivated", e.GetProperty("action").GetString()));
        var byUser = await Product.Admin.GetFromJsonAsync<JsonElement>($"/api/audit?user={TestUsers.Admin.ToUpperInvariant()}&action=activated");
        Assert.All(byUser.GetProperty("items").EnumerateArray(), e => Assert.Equal(TestUsers.Admin, e.GetProperty("userName").GetString()));
        Assert.Contains(byUser.GetProperty("items").EnumerateArray(), e => e.GetProperty("target").GetString() == userName);
        var longAgo = await Product.Admin.GetFromJsonAsync<JsonElement>("/api/audit?action=deactivated&to=2020-03-31");
        Assert.Equal(0, longAgo.GetProperty("total").GetInt32());

        var refused = await Problem.ReadAsync(await Product.Admin.GetAsync("/api/audit?from=2026-04-02&to=2026-04-01"), HttpStatusCode.BadRequest);
        Assert.Equal("期間の終わりは始まり以降の日にしてください。", refused.Errors["to"][0]);
    }
}
