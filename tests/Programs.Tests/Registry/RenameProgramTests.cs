using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Matching.Testing;

namespace Matching.Programs.Tests.Registry;

/// <summary>An operator renames a program; its slug stays, the change is audited, and nobody else may do it.</summary>
public sealed class RenameProgramTests(EmbeddedProductFixture fixture) : IClassFixture<EmbeddedProductFixture>
{
    private EmbeddedProduct Product => fixture.Product;

    private static string NewSlug() => $"rename-{Guid.NewGuid():N}"[..20];

    [Fact]
    public async Task An_operator_renames_a_program_its_slug_stays_and_the_audit_log_says_from_what_to_what()
    {
        var slug = NewSlug();
        await fixture.Slice.CreateProgramAsync(slug, "北海道プロ人材センター");

        var response = await Product.Admin.PutAsJsonAsync($"/api/programs/{slug}", new { name = " 北海道プロフェッショナル人材戦略拠点 " });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var read = await Product.Admin.GetFromJsonAsync<JsonElement>($"/api/programs/{slug}");
        Assert.Equal("北海道プロフェッショナル人材戦略拠点", read.GetProperty("name").GetString());
        Assert.Equal(slug, read.GetProperty("slug").GetString());
        var audit = await Product.Admin.GetFromJsonAsync<JsonElement>("/api/audit?action=program-renamed&pageSize=200");
        var entry = audit.GetProperty("items").EnumerateArray().Single(e => e.GetProperty("program").GetString() == slug);
        Assert.Equal("北海道プロ人材センター → 北海道プロフェッショナル人材戦略拠点", entry.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_empty_name_is_a_400_on_name_and_an_unknown_program_a_404()
    {
        var slug = NewSlug();
        await fixture.Slice.CreateProgramAsync(slug, "名称テスト");

        var empty = await Problem.ReadAsync(await Product.Admin.PutAsJsonAsync($"/api/programs/{slug}", new { name = "  " }), HttpStatusCode.BadRequest);
        await Problem.ReadAsync(await Product.Admin.PutAsJsonAsync("/api/programs/no-such-program", new { name = "名称" }), HttpStatusCode.NotFound);

        Assert.True(empty.Errors.ContainsKey("name"), string.Join(",", empty.Errors.Keys));
        Assert.Equal("名称テスト", (await Product.Admin.GetFromJsonAsync<JsonElement>($"/api/programs/{slug}")).GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_member_of_the_program_cannot_rename_it()
    {
        var slug = NewSlug();
        await fixture.Slice.CreateProgramAsync(slug, "権限テスト");
        var office = await TestUsers.MemberAsync(Product.Admin, slug, "office");

        var response = await office.PutAsJsonAsync($"/api/programs/{slug}", new { name = "勝手な名前" });

        await Problem.ReadAsync(response, HttpStatusCode.Forbidden);
        Assert.Equal("権限テスト", (await Product.Admin.GetFromJsonAsync<JsonElement>($"/api/programs/{slug}")).GetProperty("name").GetString());
    }
}
