using System.Diagnostics;

namespace Matching.Testing;

/// <summary>An operator command of the host (<c>dotnet Matching.Host.dll users …</c>), run as an operator would.</summary>
public static class HostCommand
{
    /// <summary>Runs the command and returns what it printed; fails the test on another exit code.</summary>
    public static async Task<string> RunAsync(string workingDirectory, IReadOnlyList<string> args, int expectedExitCode = 0)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory };
        info.ArgumentList.Add(Repository.HostDll);
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        var printed = await output + await error;
        Assert.True(process.ExitCode == expectedExitCode, $"{string.Join(' ', args)} exited with {process.ExitCode}, not {expectedExitCode}:\n{printed}");
        return printed;
    }
}
