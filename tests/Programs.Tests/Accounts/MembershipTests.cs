using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Matching.Testing;

namespace Matching.Programs.Tests.Accounts;

/// <summary>A role is given in a program that exists: one named before it is created would grant access to whoever creates it.</summary>
public sealed class MembershipTests(EmbeddedProductFixture fixture) : IClassFixture<EmbeddedProductFixture>
{
    private EmbeddedProduct Product => fixture.Product;

    [Fact]
    public async Task A_new_user_with_a_role_in_a_program_that_does_not_exist_is_refused_on_that_membership()
    {
        var missing = $"later-{Guid.NewGuid():N}"[..16];
        var userName = $"early-{Guid.NewGuid():N}"[..20];
        var users = Product.Count("programs", "users");

        var refused = await Problem.ReadAsync(await Product.Admin.PostAsJsonAsync("/api/users", new
        {
            userName, displayName = "早すぎる利用者", password = TestUsers.Password, isAdmin = false,
            memberships = new object[] { new { program = "demo", role = "office" }, new { program = missing, role = "office" } },
        }), HttpStatusCode.BadRequest);

        Assert.Equal(["memberships[1].program"], refused.Errors.Keys);
        Assert.Contains(missing, refused.Errors["memberships[1].program"][0], StringComparison.Ordinal);
        Assert.Equal(users, Product.Count("programs", "users"));
    }

    [Fact]
    public async Task Changing_roles_to_a_program_that_does_not_exist_is_refused_and_changes_nothing()
    {
        var missing = $"later-{Guid.NewGuid():N}"[..16];
        using var member = await TestUsers.MemberAsync(Product.Admin, "demo", "office");
        var me = await member.GetFromJsonAsync<JsonElement>("/api/me");

        var refused = await Problem.ReadAsync(await Product.Admin.PutAsJsonAsync($"/api/users/{me.GetProperty("id").GetGuid()}/memberships",
            new { memberships = new[] { new { program = missing, role = "coordinator", level = "main" } } }), HttpStatusCode.BadRequest);

        Assert.Equal(["memberships[0].program"], refused.Errors.Keys);
        var after = await member.GetFromJsonAsync<JsonElement>("/api/me");
        Assert.Equal(me.GetProperty("memberships").GetRawText(), after.GetProperty("memberships").GetRawText());
    }
}
