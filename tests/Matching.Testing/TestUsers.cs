using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;

namespace Matching.Testing;

/// <summary>
/// The users tests act as: an operator (<see cref="Admin"/>) and a coordinator (<see cref="Staff"/>) who becomes a member
/// of every program a test creates through <see cref="Slice"/>. Created with the host's own operator command.
/// </summary>
public static class TestUsers
{
    public const string Admin = "test-admin";
    public const string Staff = "tester";
    public const string Password = "test-password-1";

    /// <summary>The operator commands that create the test users, as an operator would type them.</summary>
    /// <param name="memberOfDemo">
    /// Whether <see cref="Staff"/> starts as a coordinator of the demo program: only where it exists (the embedded
    /// default creates it), since a membership may only name a program that exists.
    /// </param>
    public static IEnumerable<string[]> BootstrapCommands(bool memberOfDemo = true) =>
    [
        ["users", "add", Admin, "--password", Password, "--display-name", "テスト 管理者", "--admin"],
        ["users", "add", Staff, "--password", Password, "--display-name", "テスト 担当", .. memberOfDemo ? new[] { "--program", "demo", "--role", "coordinator" } : []],
    ];

    /// <summary>Runs the operator commands in a separate host process against a data folder, before the services start.</summary>
    public static async Task BootstrapAsync(string workingDirectory, string dataDirectory)
    {
        // Run before any service has started: no program exists yet.
        foreach (var command in BootstrapCommands(memberOfDemo: false))
        {
            var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory };
            info.ArgumentList.Add(Repository.HostDll);
            foreach (var arg in command)
                info.ArgumentList.Add(arg);
            info.ArgumentList.Add("--Matching:Database:DataDirectory");
            info.ArgumentList.Add(dataDirectory);
            using var process = Process.Start(info)!;
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"{string.Join(' ', command)} failed: {output}{await process.StandardError.ReadToEndAsync()}");
        }
    }

    /// <summary>A client signed in with a browser session cookie, as the web UI would be.</summary>
    /// <summary>A member of one program with one role (a main coordinator; a recruiter of <paramref name="firm"/>), for clients signed as the gateway signs.</summary>
    public static Matching.Platform.Auth.MatchingUser Member(string program, Matching.Platform.Auth.ProgramRole role, string? firm = null) =>
        new(Guid.NewGuid(), $"{role}".ToLowerInvariant(), "テスト 担当", false,
            [new Matching.Platform.Auth.Membership(program, role,
                role == Matching.Platform.Auth.ProgramRole.Coordinator ? Matching.Platform.Auth.CoordinatorLevel.Main : null, firm)]);

    public static async Task<HttpClient> SignInAsync(Uri address, string userName, string password = Password)
    {
        var cookies = new CookieContainer();
        var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        using var response = await client.PostAsJsonAsync("/api/session", new { userName, password });
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"sign-in of {userName}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        if (cookies.GetCookies(address).Count > 0)
            return client;
        // A product whose clock is set in the past (a test replaying a past fiscal year) issues a session cookie that has
        // expired by the machine's clock, which the cookie container drops: the client sends it itself.
        client.Dispose();
        var session = response.Headers.GetValues("Set-Cookie").First().Split(';')[0];
        var withHeader = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        withHeader.DefaultRequestHeaders.Add("Cookie", session);
        return withHeader;
    }

    /// <summary>Creates a user with one role in one program (through the admin API) and signs them in.</summary>
    public static async Task<HttpClient> MemberAsync(HttpClient admin, string program, string role, string? level = null, string? firm = null)
    {
        var userName = $"{role}-{Guid.NewGuid():N}"[..30];
        // A firm just registered with Coordinators reaches Programs' copy of the registry a moment later.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        HttpResponseMessage response;
        while (true)
        {
            response = await admin.PostAsJsonAsync("/api/users", new
            {
                userName, displayName = userName, password = Password, isAdmin = false,
                memberships = new[] { new { program, role, level, firm } },
            });
            if (response.StatusCode != HttpStatusCode.BadRequest || firm is null || DateTime.UtcNow > deadline
                || !(await response.Content.ReadAsStringAsync()).Contains("memberships[0].firm", StringComparison.Ordinal))
                break;
            response.Dispose();
            await Task.Delay(100);
        }
        using var answered = response;
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"creating {userName}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await SignInAsync(admin.BaseAddress!, userName);
    }
}
