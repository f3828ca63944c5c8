using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Matching.Testing;
using Microsoft.Data.Sqlite;

namespace Matching.Programs.Tests.Accounts;

public sealed class SignInTests(EmbeddedProductFixture fixture) : IClassFixture<EmbeddedProductFixture>
{
    private const string WrongCredentialsJa = "ユーザー名またはパスワードが正しくありません。失敗が続いた場合、アカウントはしばらくロックされます。";

    private EmbeddedProduct Product => fixture.Product;

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_password_with_the_answer_of_a_wrong_password()
    {
        await using var product = await EmbeddedProduct.StartAsync("--Matching:Accounts:Lockout", "00:00:02");
        var (userName, password) = await NewUserAsync(product.Admin);
        using var browser = new HttpClient { BaseAddress = product.Address };

        var titles = new List<string>();
        for (var i = 0; i < 5; i++)
            titles.Add((await Problem.ReadAsync(await SignInAsync(browser, userName, "wrong-password-" + i), HttpStatusCode.Unauthorized)).Title);
        var withRightPassword = await Problem.ReadAsync(await SignInAsync(browser, userName, password), HttpStatusCode.Unauthorized);

        var unknownName = await Problem.ReadAsync(await SignInAsync(browser, userName + "-x", password), HttpStatusCode.Unauthorized);

        Assert.Equal([WrongCredentialsJa, WrongCredentialsJa, WrongCredentialsJa, WrongCredentialsJa, WrongCredentialsJa], titles);
        Assert.Equal(WrongCredentialsJa, withRightPassword.Title);
        Assert.Equal(WrongCredentialsJa, unknownName.Title);
        Assert.Equal(1, product.Count("programs", $"audit_log WHERE action = 'locked-out' AND user_name = '{userName}'"));
        await Poll.UntilAsync(async () => (await SignInAsync(browser, userName, password)).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30), $"{userName} to be able to sign in after the lockout");
    }

    [Fact]
    public async Task Sign_in_errors_are_in_Japanese_unless_the_client_asks_for_English()
    {
        using var client = new HttpClient { BaseAddress = Product.Address };
        using var english = new HttpClient { BaseAddress = Product.Address };
        english.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");

        var ja = await Problem.ReadAsync(await SignInAsync(client, "nobody-here", "whatever-password"), HttpStatusCode.Unauthorized);
        var en = await Problem.ReadAsync(await SignInAsync(english, "nobody-here", "whatever-password"), HttpStatusCode.Unauthorized);
        var signInRequiredJa = await Problem.ReadAsync(await client.GetAsync("/api/me"), HttpStatusCode.Unauthorized);
        var signInRequiredEn = await Problem.ReadAsync(await english.GetAsync("/api/me"), HttpStatusCode.Unauthorized);

        Assert.Equal(WrongCredentialsJa, ja.Title);
        Assert.Equal("The user name or password is wrong. After repeated failures the account is locked for a while.", en.Title);
        Assert.Equal("サインインしてください。", signInRequiredJa.Title);
        Assert.Equal("Please sign in.", signInRequiredEn.Title);
    }

    [Fact]
    public async Task Sign_out_revokes_the_session_not_only_the_cookie()
    {
        var (userName, password) = await NewUserAsync(Product.Admin);
        var session = await SessionAsync(Product.Address, userName, password);
        using var browser = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = Product.Address };
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(browser, HttpMethod.Get, "/api/me", session: session)).StatusCode);

        var signOut = await SendAsync(browser, HttpMethod.Delete, "/api/session", session: session);

        Assert.Equal(HttpStatusCode.NoContent, signOut.StatusCode);
        Assert.Contains(signOut.Headers.GetValues("Set-Cookie"), c => c.StartsWith("matching.session=;", StringComparison.Ordinal));
        await Problem.ReadAsync(await SendAsync(browser, HttpMethod.Get, "/api/me", session: session), HttpStatusCode.Unauthorized);
        Assert.Equal(1, Product.Count("programs", $"audit_log WHERE action = 'signed-out' AND user_name = '{userName}'"));
    }

    [Fact]
    public async Task A_token_is_shown_once_works_as_bearer_and_fails_on_the_very_next_request_after_revocation()
    {
        var (userName, password) = await NewUserAsync(Product.Admin, "coordinator", "main");
        var session = await SessionAsync(Product.Address, userName, password);
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = Product.Address };

        var created = await SendAsync(http, HttpMethod.Post, "/api/me/tokens", new { name = "基幹システム連携", expiresInDays = 30 }, session: session);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var token = body.GetProperty("token").GetString()!;
        var id = body.GetProperty("id").GetGuid();
        Assert.StartsWith("mt_", token, StringComparison.Ordinal);
        Assert.True(token.Length > 40, token);
        var listed = await (await SendAsync(http, HttpMethod.Get, "/api/me/tokens", session: session)).Content.ReadAsStringAsync();
        Assert.Contains(id.ToString(), listed, StringComparison.Ordinal);
        Assert.DoesNotContain(token, listed, StringComparison.Ordinal);
        Assert.DoesNotContain(token[3..], listed, StringComparison.Ordinal);

        var me = await SendAsync(http, HttpMethod.Get, "/api/me", bearer: token);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal(userName, (await me.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("userName").GetString());
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(http, HttpMethod.Get, "/api/programs/demo/companies?pageSize=1", bearer: token)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(http, HttpMethod.Delete, $"/api/me/tokens/{id}", session: session)).StatusCode);

        await Problem.ReadAsync(await SendAsync(http, HttpMethod.Get, "/api/me", bearer: token), HttpStatusCode.Unauthorized);
        await Problem.ReadAsync(await SendAsync(http, HttpMethod.Get, "/api/programs/demo/companies?pageSize=1", bearer: token), HttpStatusCode.Unauthorized);
        var afterRevocation = await (await SendAsync(http, HttpMethod.Get, "/api/me/tokens", session: session)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.NotEqual(JsonValueKind.Null, afterRevocation.EnumerateArray().Single(t => t.GetProperty("id").GetGuid() == id).GetProperty("revokedAt").ValueKind);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(http, HttpMethod.Delete, $"/api/me/tokens/{id}", session: session)).StatusCode);
    }

    [Fact]
    public async Task Passwords_session_ids_and_tokens_are_nowhere_in_the_databases()
    {
        var secrets = await UseSecretsAsync(Product.Address, Product.Admin);

        var leaks = ScanDatabases(Product.DataDirectory, secrets.All, out var dump);

        Assert.True(leaks.Count == 0, "Secrets in clear in the databases:\n" + string.Join("\n", leaks));
        // The scan read the credentials: what is stored instead of each token is there.
        Assert.All(secrets.Tokens, t => Assert.Contains(Matching.Platform.Auth.Credentials.Hash(t), dump, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Passwords_session_ids_and_tokens_are_nowhere_in_the_logs_even_at_debug_level()
    {
        using var folder = new TempFolder("matching-secrets");
        var data = Path.Combine(folder.Path, "data");
        await using var host = await HostProcess.StartAsync("secrets",
        [
            "--Matching:Demo:Enabled", "true",
            "--Matching:Database:DataDirectory", data,
            "--Logging:LogLevel:Default", "Debug",
            "--Logging:LogLevel:Microsoft.AspNetCore", "Debug",
            "--Logging:LogLevel:MassTransit", "Debug",
        ], folder.Path);
        using var admin = await TestUsers.SignInAsync(host.Address, "admin", "matching-demo");

        var secrets = await UseSecretsAsync(host.Address, admin);
        await host.StopAsync();

        var log = await File.ReadAllBytesAsync(host.LogFile);
        var inLog = secrets.All.Where(s => Contains(log, s)).ToList();
        Assert.True(inLog.Count == 0, "Secrets in clear in the log: " + string.Join(", ", inLog));
        var text = Encoding.UTF8.GetString(log);
        // Debug logging was on and saw the requests.
        Assert.Contains("dbug:", text, StringComparison.Ordinal);
        Assert.Contains("/api/me/tokens", text, StringComparison.Ordinal);
        var inDatabases = ScanDatabases(data, secrets.All, out _);
        Assert.True(inDatabases.Count == 0, "Secrets in clear in the databases:\n" + string.Join("\n", inDatabases));
    }

    [Fact]
    public void The_audit_log_refuses_updates_and_deletes()
    {
        var before = Product.Count("programs", "audit_log");
        Assert.True(before > 0, "the test users' sign-ins are audited");
        using var connection = Product.OpenDatabase("programs");

        var update = Assert.Throws<SqliteException>(() => Execute(connection, "UPDATE audit_log SET action = 'nothing-happened'"));
        var delete = Assert.Throws<SqliteException>(() => Execute(connection, "DELETE FROM audit_log"));

        Assert.Contains("append-only", update.Message, StringComparison.Ordinal);
        Assert.Contains("append-only", delete.Message, StringComparison.Ordinal);
        Assert.Equal(before, Product.Count("programs", "audit_log"));
        Assert.Equal(0, Product.Count("programs", "audit_log WHERE action = 'nothing-happened'"));
    }

    [Fact]
    public async Task A_password_shorter_than_ten_characters_is_refused_on_its_field_in_Japanese()
    {
        var userName = UniqueName("short");

        var response = await Product.Admin.PostAsJsonAsync("/api/users", new { userName, displayName = "短い 太郎", password = "short-pw", isAdmin = false });

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("パスワードは 10 文字以上にしてください。", Assert.Single(problem.Errors["password"]));
        Assert.Equal(0, Product.Count("programs", $"users WHERE user_name = '{userName}'"));
    }

    [Fact]
    public async Task A_recruiter_without_a_firm_is_refused()
    {
        var userName = UniqueName("firmless");

        var response = await Product.Admin.PostAsJsonAsync("/api/users", new
        {
            userName, displayName = "事業者 なし", password = "long-enough-password", isAdmin = false,
            memberships = new[] { new { program = "demo", role = "recruiter", level = (string?)null, firm = (string?)null } },
        });

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        var messages = problem.Errors.Where(e => e.Key.StartsWith("memberships", StringComparison.Ordinal)).SelectMany(e => e.Value).ToList();
        Assert.Contains("人材紹介事業者のユーザーには事業者名が必要です。", messages);
        Assert.Equal(0, Product.Count("programs", $"users WHERE user_name = '{userName}'"));
    }

    [Fact]
    public async Task The_same_user_name_twice_is_a_conflict_even_in_other_case()
    {
        var (userName, _) = await NewUserAsync(Product.Admin);

        var response = await Product.Admin.PostAsJsonAsync("/api/users", new { userName = userName.ToUpperInvariant(), displayName = "二人目", password = "another-password-1", isAdmin = false });

        await Problem.ReadAsync(response, HttpStatusCode.Conflict);
        Assert.Equal(1, Product.Count("programs", $"users WHERE user_name = '{userName}'"));
    }

    [Fact]
    public async Task An_operator_creates_a_user_and_a_token_on_the_command_line_and_the_token_signs_in()
    {
        using var folder = new TempFolder("matching-commands");
        var data = Path.Combine(folder.Path, "data");
        var dataSetting = new[] { "--Matching:Database:DataDirectory", data };

        var added = await HostCommand.RunAsync(folder.Path, ["users", "add", "ops-office", "--password", "ops-password-1", "--display-name", "運用 事務局",
            "--program", "demo", "--role", "office", .. dataSetting]);
        var issued = await HostCommand.RunAsync(folder.Path, ["tokens", "create", "--user", "ops-office", "--name", "夜間バッチ", .. dataSetting]);
        var refused = await HostCommand.RunAsync(folder.Path, ["users", "add", "ops-short", "--password", "short", .. dataSetting], expectedExitCode: 2);

        Assert.Contains("created ops-office", added, StringComparison.Ordinal);
        Assert.Contains("error: The password must be at least 10 characters long.", refused, StringComparison.Ordinal);
        var token = issued.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("mt_", StringComparison.Ordinal));
        await using var host = await HostProcess.StartAsync("commands", dataSetting, folder.Path);
        using var http = new HttpClient { BaseAddress = host.Address };
        var me = await SendAsync(http, HttpMethod.Get, "/api/me", bearer: token);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        var user = await me.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("ops-office", user.GetProperty("userName").GetString());
        var membership = Assert.Single(user.GetProperty("memberships").EnumerateArray());
        Assert.Equal("demo", membership.GetProperty("program").GetString());
        Assert.Equal("office", membership.GetProperty("role").GetString());
    }

    // ----- helpers

    private sealed record Secrets(IReadOnlyList<string> Passwords, IReadOnlyList<string> Sessions, IReadOnlyList<string> Tokens)
    {
        public IReadOnlyList<string> All => [.. Passwords, .. Sessions, .. Tokens];
    }

    /// <summary>Creates users, signs them in, issues and uses tokens, fails a sign-in and signs out: every way a secret travels.</summary>
    private static async Task<Secrets> UseSecretsAsync(Uri address, HttpClient admin)
    {
        var passwords = new List<string>();
        var sessions = new List<string>();
        var tokens = new List<string>();
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = address };
        foreach (var (role, level, firm) in new[] { ("coordinator", "main", (string?)null), ("office", null, null), ("recruiter", null, "テスト人材株式会社") })
        {
            var (userName, password) = await NewUserAsync(admin, role, level, firm);
            passwords.Add(password);
            var wrong = $"typo-{Guid.NewGuid():N}";
            passwords.Add(wrong);
            Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync(http, userName, wrong)).StatusCode);
            var session = await SessionAsync(address, userName, password);
            sessions.Add(session);
            var created = await SendAsync(http, HttpMethod.Post, "/api/me/tokens", new { name = $"{role} の連携" }, session: session);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var token = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
            tokens.Add(token);
            Assert.Equal(HttpStatusCode.OK, (await SendAsync(http, HttpMethod.Get, "/api/me", bearer: token)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await SendAsync(http, HttpMethod.Get, "/api/me/tokens", session: session)).StatusCode);
        }
        // A second session of the last user, ended by signing out.
        var (lastUser, lastPassword) = await NewUserAsync(admin);
        passwords.Add(lastPassword);
        var ended = await SessionAsync(address, lastUser, lastPassword);
        sessions.Add(ended);
        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(http, HttpMethod.Delete, "/api/session", session: ended)).StatusCode);
        return new Secrets(passwords, sessions, tokens);
    }

    /// <summary>Every secret found in the raw bytes of a database file or in the text of any table; <paramref name="dump"/> is that text.</summary>
    private static List<string> ScanDatabases(string dataDirectory, IReadOnlyList<string> secrets, out string dump)
    {
        var leaks = new List<string>();
        var text = new StringBuilder();
        var files = Directory.GetFiles(dataDirectory).Where(f => f.EndsWith(".db", StringComparison.Ordinal) || f.EndsWith(".db-wal", StringComparison.Ordinal)).ToList();
        Assert.Contains(files, f => Path.GetFileName(f) == "programs.db");
        foreach (var file in files)
        {
            byte[] bytes;
            using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            {
                using var memory = new MemoryStream();
                stream.CopyTo(memory);
                bytes = memory.ToArray();
            }
            leaks.AddRange(secrets.Where(s => Contains(bytes, s)).Select(s => $"{Path.GetFileName(file)} (bytes): {s}"));
        }
        foreach (var database in files.Where(f => f.EndsWith(".db", StringComparison.Ordinal)))
        {
            using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
            connection.Open();
            var tables = Query(connection, "SELECT name FROM sqlite_master WHERE type = 'table'").Select(r => (string)r[0]!).ToList();
            var rows = new StringBuilder();
            foreach (var table in tables)
            {
                foreach (var row in Query(connection, $"SELECT * FROM \"{table}\""))
                {
                    foreach (var value in row)
                        rows.Append(value is byte[] blob ? Encoding.UTF8.GetString(blob) : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)).Append('\t');
                    rows.Append('\n');
                }
            }
            var content = rows.ToString();
            text.Append(content);
            leaks.AddRange(secrets.Where(s => content.Contains(s, StringComparison.Ordinal)).Select(s => $"{Path.GetFileName(database)} (tables): {s}"));
        }
        dump = text.ToString();
        return leaks;
    }

    private static List<object?[]> Query(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var values = new object?[reader.FieldCount];
            for (var i = 0; i < reader.FieldCount; i++)
                values[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(values);
        }
        return rows;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static bool Contains(byte[] haystack, string secret) => haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)) >= 0;

    private static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..24];

    /// <summary>A user with a password of its own (and optionally a role in demo), created through the admin API.</summary>
    private static async Task<(string UserName, string Password)> NewUserAsync(HttpClient admin, string? role = null, string? level = null, string? firm = null)
    {
        var userName = UniqueName(role ?? "user");
        var password = $"pw-{Guid.NewGuid():N}";
        var memberships = role is null ? [] : new[] { new { program = "demo", role, level, firm } };
        using var response = await admin.PostAsJsonAsync("/api/users", new { userName, displayName = userName, password, isAdmin = false, memberships });
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"creating {userName}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (userName, password);
    }

    private static Task<HttpResponseMessage> SignInAsync(HttpClient client, string userName, string password) =>
        client.PostAsJsonAsync("/api/session", new { userName, password });

    /// <summary>Signs in and returns the session id the server set in its cookie.</summary>
    private static async Task<string> SessionAsync(Uri address, string userName, string password)
    {
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = address };
        using var response = await SignInAsync(client, userName, password);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"sign-in of {userName}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("matching.session=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        var value = cookie["matching.session=".Length..cookie.IndexOf(';', StringComparison.Ordinal)];
        Assert.True(value.Length >= 40, cookie);
        return value;
    }

    /// <summary>A request that presents exactly the credential given: a session cookie, a bearer token, or nothing.</summary>
    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string url, object? body = null, string? session = null, string? bearer = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
            request.Content = JsonContent.Create(body);
        if (session is not null)
            request.Headers.Add("Cookie", $"matching.session={session}");
        if (bearer is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }
}
