using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Matching.Testing;

namespace Matching.Programs.Tests.Registry;

public sealed class CreateProgramTests(EmbeddedProductFixture fixture) : IClassFixture<EmbeddedProductFixture>
{
    private EmbeddedProduct Product => fixture.Product;

    [Fact]
    public async Task Demo_program_exists_on_first_start_of_the_embedded_default()
    {
        var program = await Product.Client.GetFromJsonAsync<JsonElement>("/api/programs/demo");

        Assert.Equal("demo", program.GetProperty("slug").GetString());
    }

    [Fact]
    public async Task New_program_becomes_known_to_the_other_services()
    {
        await fixture.Slice.CreateProgramAsync("hokkaido", "北海道プロフェッショナル人材センター");

        var company = await fixture.Slice.RegisterCompanyAsync("hokkaido");
        var consultation = await fixture.Slice.LogConsultationAsync("hokkaido", company, new DateOnly(2025, 4, 1));

        Assert.NotEqual(Guid.Empty, consultation);
    }

    [Fact]
    public async Task Same_slug_twice_is_a_conflict()
    {
        await fixture.Slice.CreateProgramAsync("dot-doto", "ドット道東");

        var response = await Product.Admin.PostAsJsonAsync("/api/programs", new { slug = "dot-doto", name = "別名" });

        await Problem.ReadAsync(response, HttpStatusCode.Conflict);
        Assert.Equal(1, Product.Count("programs", "programs WHERE slug = 'dot-doto'"));
    }

    [Theory]
    [InlineData("A")]
    [InlineData("Upper")]
    [InlineData("-leading-hyphen")]
    [InlineData("日本語")]
    public async Task Slug_that_cannot_be_a_path_segment_is_refused(string slug)
    {
        var before = Product.Count("programs", "outbox_messages");

        var response = await Product.Admin.PostAsJsonAsync("/api/programs", new { slug, name = "テスト" });

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.Errors.ContainsKey("slug"));
        Assert.Equal(before, Product.Count("programs", "outbox_messages"));
    }

    [Fact]
    public async Task Unknown_program_is_404_with_problem_details()
    {
        var response = await Product.Client.GetAsync("/api/programs/unknown-one");

        await Problem.ReadAsync(response, HttpStatusCode.NotFound);
    }
}
