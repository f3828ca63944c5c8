using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Matching.Testing;

/// <summary>
/// One <c>Matching.Host</c> process (<c>dotnet Matching.Host.dll --services …</c>) on its own loopback port,
/// with its output in a log file. It can be stopped gracefully, killed with SIGKILL, and started again
/// with the same or changed settings.
/// </summary>
public sealed partial class HostProcess : IAsyncDisposable
{
    private readonly string logFile;
    private Process? process;
    private IReadOnlyList<string> settings;

    private HostProcess(string name, int port, IReadOnlyList<string> settings, string logFolder)
    {
        Name = name;
        Port = port;
        this.settings = settings;
        logFile = Path.Combine(logFolder, $"{name}.log");
    }

    public string Name { get; }

    public int Port { get; }

    public Uri Address => new($"http://127.0.0.1:{Port}");

    public int? ProcessId => process is { HasExited: false } p ? p.Id : null;

    /// <summary>The file the process's standard output and error go to (appended over restarts).</summary>
    public string LogFile => logFile;

    public static async Task<HostProcess> StartAsync(string name, IEnumerable<string> settings, string logFolder, bool waitUntilReady = true, int? port = null)
    {
        var host = new HostProcess(name, port ?? FreePort(), settings.ToList(), logFolder);
        await host.StartAgainAsync(waitUntilReady: waitUntilReady);
        return host;
    }

    /// <summary>Starts the process again on the same port (after a stop or a kill), optionally with other settings.</summary>
    public async Task StartAgainAsync(IEnumerable<string>? newSettings = null, bool waitUntilReady = true)
    {
        if (newSettings is not null)
            settings = newSettings.ToList();
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(logFile)!,
        };
        info.ArgumentList.Add(Repository.HostDll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(Address.ToString());
        foreach (var s in settings)
            info.ArgumentList.Add(s);
        info.Environment["Logging__Console__FormatterName"] = "simple";

        var log = new StreamWriter(logFile, append: true) { AutoFlush = true };
        await log.WriteLineAsync($"===== start {DateTime.UtcNow:O}: {string.Join(' ', info.ArgumentList)}");
        process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.Exited += (_, _) => { lock (log) log.WriteLine($"===== exited {DateTime.UtcNow:O}"); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var path = waitUntilReady ? "/health/ready" : "/health/live";
        try
        {
            await Poll.UntilAsync(async () =>
            {
                if (process.HasExited)
                    throw new InvalidOperationException($"{Name} exited with {process.ExitCode}.");
                return (await http.GetAsync(path)).IsSuccessStatusCode;
            }, TimeSpan.FromSeconds(90), $"{Name} to answer {path}");
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException)
        {
            throw new InvalidOperationException($"{Name} did not start. Log tail:\n{LogTail()}", ex);
        }
    }

    /// <summary>SIGKILL: the process ends at once, between any two instructions; nothing is flushed or stopped.</summary>
    public async Task KillAsync()
    {
        if (process is { HasExited: false } p)
        {
            Signal(p.Id, 9);
            await p.WaitForExitAsync();
        }
    }

    /// <summary>SIGTERM: the host stops gracefully.</summary>
    public async Task StopAsync()
    {
        if (process is { HasExited: false } p)
        {
            Signal(p.Id, 15);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await p.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                await KillAsync();
            }
        }
    }

    public string LogTail(int lines = 60)
    {
        try
        {
            using var stream = new FileStream(logFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            var all = reader.ReadToEnd().Split('\n');
            return string.Join('\n', all.TakeLast(lines));
        }
        catch (IOException)
        {
            return "";
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        process?.Dispose();
    }

    /// <summary>
    /// A port nothing listens on now, and never one this test run handed out before: a port is only taken when its
    /// process binds it, so two processes started together (the web UI and the gateway) could otherwise get the same
    /// one, and the gateway's clients would reach the web process instead.
    /// </summary>
    public static int FreePort()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            if (HandedOut.TryAdd(port, 0))
                return port;
        }
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, byte> HandedOut = new();

    private static void Signal(int pid, int signal)
    {
        if (kill(pid, signal) != 0)
            throw new InvalidOperationException($"kill({pid}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int sig);
}
