using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Matching.Testing;

namespace Matching.Candidates.Tests.SelfRegistration;

public sealed class SelfRegistrationTests(EmbeddedProductFixture fixture) : IClassFixture<EmbeddedProductFixture>
{
    private static JsonObject Body(string email)
    {
        var body = DataBank.Profile("本人 登録子", "ホンニン トウロクコ", email);
        body["consentTextVersion"] = "self-2026-04";
        body["consentToProgram"] = true;
        body["consentToFirms"] = true;
        return body;
    }

    private string? MailedCode(string email)
    {
        using var connection = fixture.Product.OpenDatabase("candidates");
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT body FROM notifications WHERE recipient = $email";
        command.Parameters.AddWithValue("$email", email);
        return command.ExecuteScalar() is string body ? body[(body.IndexOf("確認コード: ", StringComparison.Ordinal) + "確認コード: ".Length)..].Trim() : null;
    }

    [Fact]
    public async Task A_person_registers_without_signing_in_and_becomes_a_candidate_with_the_consents_only_by_the_mailed_code()
    {
        var bank = await DataBank.CreateAsync(fixture, "self");
        var email = $"self.{Guid.NewGuid():N}@example.jp";
        var anonymous = fixture.Product.Anonymous;

        var text = await anonymous.GetFromJsonAsync<JsonElement>($"/api/programs/{bank.Program}/candidates/self-registrations/consent-text");
        var registered = await anonymous.PostAsync($"/api/programs/{bank.Program}/candidates/self-registrations", DataBank.Json(Body(email)));
        var before = fixture.Product.Count("candidates", $"candidates WHERE program = '{bank.Program}'");
        var code = MailedCode(email)!;
        var confirmed = await anonymous.PostAsJsonAsync($"/api/programs/{bank.Program}/candidates/self-registrations/confirm", new { token = code });
        var again = await anonymous.PostAsJsonAsync($"/api/programs/{bank.Program}/candidates/self-registrations/confirm", new { token = code });
        var list = await bank.GetAsync("/candidates?q=" + Uri.EscapeDataString("本人"));

        Assert.Equal("self-2026-04", text.GetProperty("version").GetString());
        Assert.Contains("登録事業者への提供", text.GetProperty("body").GetString() ?? "", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, registered.StatusCode);
        Assert.DoesNotContain("本人", await registered.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, before);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        var id = list.GetProperty("items")[0].GetProperty("id").GetGuid();
        var record = await bank.GetAsync($"/candidates/{id}");
        Assert.Equal(email, record.GetProperty("email").GetString());
        Assert.Equal(["program", "registeredFirms"], record.GetProperty("consents").EnumerateArray().Select(c => c.GetProperty("recipient").GetString()).Order());
        Assert.All(record.GetProperty("consents").EnumerateArray(), c =>
        {
            Assert.Equal("electronic", c.GetProperty("method").GetString());
            Assert.Equal("self-2026-04", c.GetProperty("textVersion").GetString());
        });
        Assert.Equal(0, fixture.Product.Count("candidates", $"self_registrations WHERE candidate_id = '{id}' AND record <> ''"));

        var erased = await bank.PostAsync($"/candidates/{id}/erasure", new JsonObject { ["reason"] = "request" });

        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        Assert.Empty(PersonalDataScan.Find(fixture.Product.DataDirectory, email));
    }

    [Theory]
    [InlineData("consentToProgram", "false", "個人情報の利用への同意が必要です", "needs your consent")]
    [InlineData("consentTextVersion", "\"2020-01\"", "同意文が更新されました", "The consent text has changed")]
    [InlineData("email", "null", "確認のメールを送るメールアドレス", "Give the e-mail address")]
    public async Task A_self_registration_without_what_it_needs_is_refused_in_both_languages_and_nothing_is_mailed(string field, string json, string japanese, string english)
    {
        var bank = await DataBank.CreateAsync(fixture, "selfv");
        var email = $"refused.{Guid.NewGuid():N}@example.jp";
        var body = Body(email);
        body[field] = JsonNode.Parse(json);

        var ja = await Problem.ReadAsync(await bank.PostAsync("/candidates/self-registrations", body, "ja", fixture.Product.Anonymous), HttpStatusCode.BadRequest);
        var en = await Problem.ReadAsync(await bank.PostAsync("/candidates/self-registrations", body, "en", fixture.Product.Anonymous), HttpStatusCode.BadRequest);

        Assert.Contains(japanese, ja.Errors[field][0], StringComparison.Ordinal);
        Assert.Contains(english, en.Errors[field][0], StringComparison.Ordinal);
        Assert.Null(MailedCode(email));
    }

    [Fact]
    public async Task A_made_up_code_confirms_nothing()
    {
        var bank = await DataBank.CreateAsync(fixture, "selfc");

        var made = await fixture.Product.Anonymous.PostAsJsonAsync($"/api/programs/{bank.Program}/candidates/self-registrations/confirm",
            new { token = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" });
        var short_ = await fixture.Product.Anonymous.PostAsJsonAsync($"/api/programs/{bank.Program}/candidates/self-registrations/confirm", new { token = "x" });

        Assert.Equal(HttpStatusCode.NotFound, made.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, short_.StatusCode);
    }
}
