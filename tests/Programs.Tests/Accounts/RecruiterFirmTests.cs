using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Matching.Platform.Data;
using Matching.Programs.Accounts;
using Matching.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Matching.Programs.Tests.Accounts;

/// <summary>
/// A recruiter user belongs to a firm of the program's registry (登録民間人材ビジネス事業者名簿), by id: an id the registry
/// lacks is refused; a name it lacks (a membership from before the registry) gets that firm entered as applied and the
/// membership linked to it, and the office registering that name completes the same firm.
/// </summary>
public sealed class RecruiterFirmTests(EmbeddedProductFixture fixture) : IClassFixture<EmbeddedProductFixture>
{
    private EmbeddedProduct Product => fixture.Product;

    private async Task<(string Program, HttpClient Office)> ProgramAsync()
    {
        var program = $"firms-{Guid.NewGuid():N}"[..14];
        await Product.Slice.CreateProgramAsync(program, "事業者テスト人材センター");
        return (program, await TestUsers.MemberAsync(Product.Admin, program, "office"));
    }

    private static async Task<Guid> RegisterAsync(HttpClient office, string program, string name, string kana, string licence)
    {
        HttpResponseMessage registered = null!;
        await Poll.UntilAsync(async () =>
        {
            registered = await office.PostAsJsonAsync($"/api/programs/{program}/firms", new { name, nameKana = kana, licenceNumber = licence });
            return registered.StatusCode != HttpStatusCode.NotFound;
        }, Slice.Eventually, "the program to be known by Coordinators");
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        return (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task A_recruiter_belongs_to_a_registered_firm_by_id_and_an_id_the_registry_lacks_is_refused_writing_nothing()
    {
        var (program, office) = await ProgramAsync();
        using var officeClient = office;
        var firm = await RegisterAsync(office, program, "株式会社十勝キャリア", "トカチキャリア", "01-ユ-300777");

        using var recruiter = await TestUsers.MemberAsync(Product.Admin, program, "recruiter", firm: firm.ToString());
        var membership = (await recruiter.GetFromJsonAsync<JsonElement>("/api/me")).GetProperty("memberships")[0];
        Assert.Equal(firm.ToString("D"), membership.GetProperty("firm").GetString());
        Assert.Equal("株式会社十勝キャリア", membership.GetProperty("firmName").GetString());

        var users = Product.Count("programs", "users");
        var unknown = Guid.NewGuid();
        var refused = await Problem.ReadAsync(await Product.Admin.PostAsJsonAsync("/api/users", new
        {
            userName = $"nofirm-{Guid.NewGuid():N}"[..20], displayName = "名簿にない事業者の人", password = TestUsers.Password, isAdmin = false,
            memberships = new[] { new { program, role = "recruiter", firm = unknown.ToString() } },
        }), HttpStatusCode.BadRequest);
        Assert.Equal(["memberships[0].firm"], refused.Errors.Keys);
        Assert.StartsWith("この事業者はプログラムの登録事業者名簿にありません。", refused.Errors["memberships[0].firm"][0], StringComparison.Ordinal);
        Assert.Equal(users, Product.Count("programs", "users"));
    }

    [Fact]
    public async Task A_membership_written_with_a_free_text_firm_is_linked_to_a_firm_entered_as_applied_which_the_office_then_completes()
    {
        var (program, office) = await ProgramAsync();
        using var officeClient = office;
        // Data as the schema before the registry wrote it: a recruiter membership naming its firm in free text.
        using var member = await TestUsers.MemberAsync(Product.Admin, program, "office");
        var userId = (await member.GetFromJsonAsync<JsonElement>("/api/me")).GetProperty("id").GetGuid();
        using (var db = Product.OpenDatabase("programs"))
        {
            using var update = db.CreateCommand();
            update.CommandText = "UPDATE memberships SET role = 'recruiter', firm = '旭川ヒューマンリソース株式会社' WHERE program = $program AND user_id = $user";
            update.Parameters.AddWithValue("$program", program);
            update.Parameters.AddWithValue("$user", userId.ToString());
            Assert.Equal(1, update.ExecuteNonQuery());
        }

        // What the next start of Programs does with it.
        var database = Product.Services.GetRequiredService<ServiceDatabase<ProgramsModule>>();
        await RecruiterFirms.LinkOrAnnounceAsync(database, TimeProvider.System, CancellationToken.None);

        JsonElement mine = default;
        await Poll.UntilAsync(async () =>
        {
            mine = (await member.GetFromJsonAsync<JsonElement>("/api/me")).GetProperty("memberships")[0];
            return Guid.TryParse(mine.GetProperty("firm").GetString(), out _);
        }, Slice.Eventually, "the membership to be linked to the firm Coordinators entered");
        var firm = Guid.Parse(mine.GetProperty("firm").GetString()!);
        Assert.Equal("旭川ヒューマンリソース株式会社", mine.GetProperty("firmName").GetString());

        // Coordinators entered it as applied, without licence, for the office to complete; the recruiter sees it as its own.
        var entered = await office.GetFromJsonAsync<JsonElement>($"/api/programs/{program}/firms/{firm}");
        Assert.Equal("applied", entered.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, entered.GetProperty("licenceNumber").ValueKind);
        var own = await member.GetFromJsonAsync<JsonElement>($"/api/programs/{program}/firms");
        Assert.Equal(firm, Assert.Single(own.EnumerateArray()).GetProperty("id").GetGuid());

        // A second start finds nothing to do; the office registering that name (full width or half) completes the same firm.
        await RecruiterFirms.LinkOrAnnounceAsync(database, TimeProvider.System, CancellationToken.None);
        Assert.Equal(firm, await RegisterAsync(office, program, "旭川ﾋｭｰﾏﾝﾘｿｰｽ株式会社", "アサヒカワヒューマンリソース", "01-ユ-300888"));
        var completed = await office.GetFromJsonAsync<JsonElement>($"/api/programs/{program}/firms/{firm}");
        Assert.Equal("registered", completed.GetProperty("status").GetString());
        Assert.Equal("01-ユ-300888", completed.GetProperty("licenceNumber").GetString());
        Assert.Single((await office.GetFromJsonAsync<JsonElement>($"/api/programs/{program}/firms")).EnumerateArray());
        await Poll.UntilAsync(async () =>
            (await member.GetFromJsonAsync<JsonElement>("/api/me")).GetProperty("memberships")[0].GetProperty("firmName").GetString() == "旭川ﾋｭｰﾏﾝﾘｿｰｽ株式会社",
            Slice.Eventually, "the registry's new name to reach the membership");
        // Asked once: the second start had nothing to announce.
        Assert.Equal(1, Product.Count("programs", $"outbox_messages WHERE program = '{program}' AND message_type LIKE '%RecruiterFirmNamed%'"));
    }
}
