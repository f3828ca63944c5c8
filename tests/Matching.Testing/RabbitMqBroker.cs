using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Matching.Testing;

/// <summary>
/// A private, throw-away RabbitMQ node for tests (Debian rabbitmq-server package, Erlang/OTP).
/// </summary>
/// <remarks>
/// Everything that identifies the node is private to this instance:
/// <list type="bullet">
/// <item>node name <c>matching-test-&lt;pid&gt;-&lt;n&gt;@localhost</c> (short name on "localhost", so the
/// machine's hostname, long or unresolvable, never matters);</item>
/// <item>AMQP port, Erlang distribution port and epmd port, all picked free on 127.0.0.1;</item>
/// <item>a temp folder holding data (mnesia), logs, an empty enabled-plugins file, an empty config file,
/// an empty rabbitmq-env.conf (so /etc/rabbitmq/rabbitmq-env.conf is ignored) and HOME
/// (so the Erlang cookie is private too, and no access to /var/lib/rabbitmq/.erlang.cookie is needed).</item>
/// </list>
/// The epmd is started by this class on its private port, as a direct child process, so its PID is known and it
/// can be ended on dispose without touching a system epmd on 4369 or the epmd of a concurrently running broker.
/// When the current process is root the broker runs as the <c>rabbitmq</c> user (via <c>su</c>); otherwise it is
/// run directly as the current user.
/// </remarks>
public sealed class RabbitMqBroker : IAsyncDisposable
{
    private const string ServiceUser = "rabbitmq";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);
    private static int s_counter;

    private readonly string _folder;
    private readonly string _binDir;
    private readonly bool _asServiceUser;
    private readonly int _distPort;
    private readonly int _epmdPort;
    private readonly string _startScript;
    private readonly string _ctlScript;
    private readonly string _pidFile;
    private Process? _epmd;
    private Process? _launcher;
    private bool _disposed;

    private RabbitMqBroker(string folder, string binDir, bool asServiceUser, string nodeName, int amqpPort, int distPort, int epmdPort)
    {
        _folder = folder;
        _binDir = binDir;
        _asServiceUser = asServiceUser;
        NodeName = nodeName;
        AmqpPort = amqpPort;
        _distPort = distPort;
        _epmdPort = epmdPort;
        _startScript = Path.Combine(folder, "start.sh");
        _ctlScript = Path.Combine(folder, "ctl.sh");
        _pidFile = Path.Combine(folder, "broker.pid");
        LogFile = Path.Combine(folder, "broker.log");
    }

    /// <summary>The AMQP 0-9-1 port on 127.0.0.1.</summary>
    public int AmqpPort { get; }

    /// <summary>The Erlang node name, e.g. <c>matching-test-1234-1@localhost</c>.</summary>
    public string NodeName { get; }

    /// <summary><c>amqp://guest:guest@127.0.0.1:PORT/</c> (guest may only log in from loopback, which this is).</summary>
    public Uri AmqpUri => new($"amqp://guest:guest@127.0.0.1:{AmqpPort}/");

    /// <summary>The private folder (data, logs, scripts). Deleted on dispose.</summary>
    public string Folder => _folder;

    /// <summary>Broker stdout/stderr (appended across restarts).</summary>
    public string LogFile { get; }

    /// <summary>Whether the broker is believed to be running.</summary>
    public bool IsRunning { get; private set; }

    /// <summary>Starts a new private broker and waits until its AMQP port accepts connections.</summary>
    public static async Task<RabbitMqBroker> StartAsync(CancellationToken ct = default)
    {
        var binDir = Environment.GetEnvironmentVariable("MATCHING_RABBITMQ_BIN_DIR") ?? "/usr/lib/rabbitmq/bin";
        if (!File.Exists(Path.Combine(binDir, "rabbitmq-server")))
        {
            throw new InvalidOperationException(
                $"rabbitmq-server not found in {binDir} (apt-get install rabbitmq-server, or set MATCHING_RABBITMQ_BIN_DIR).");
        }

        var asServiceUser = Environment.UserName == "root";
        var root = asServiceUser ? "/tmp" : Path.GetTempPath();
        var folder = Path.Combine(root, $"matching-rmq-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
        Directory.CreateDirectory(folder);

        var n = Interlocked.Increment(ref s_counter);
        var nodeName = $"matching-test-{Environment.ProcessId}-{n}@localhost";
        var ports = FreePorts(3);
        var broker = new RabbitMqBroker(folder, binDir, asServiceUser, nodeName, ports[0], ports[1], ports[2]);
        try
        {
            await broker.PrepareFolderAsync(ct).ConfigureAwait(false);
            broker.StartEpmd();
            await broker.LaunchAsync(ct).ConfigureAwait(false);
            return broker;
        }
        catch
        {
            await broker.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Starts the broker again after <see cref="StopAsync"/> or <see cref="KillAsync"/>: same node name,
    /// same ports, same data.</summary>
    public Task StartAgainAsync(CancellationToken ct = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (IsRunning)
        {
            throw new InvalidOperationException("The broker is already running.");
        }

        if (_epmd is null || _epmd.HasExited)
        {
            StartEpmd();
        }

        return LaunchAsync(ct);
    }

    /// <summary>Graceful stop: <c>rabbitmqctl stop</c>, then waits until the port is closed and the VM has exited.</summary>
    public async Task StopAsync()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!IsRunning)
        {
            return;
        }

        var pid = ReadBeamPid();
        using var cts = new CancellationTokenSource(StopTimeout);
        try
        {
            var (code, output) = await RunCtlAsync(["stop"], cts.Token).ConfigureAwait(false);
            if (code != 0)
            {
                AppendLog($"rabbitmqctl stop exited with {code}: {output}");
            }

            while (PortOpen(AmqpPort) || (pid is int p && IsAlive(p)) || _launcher is { HasExited: false })
            {
                await Task.Delay(100, cts.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            AppendLog("graceful stop timed out; killing the node");
            await KillAsync().ConfigureAwait(false);
        }

        IsRunning = false;
    }

    /// <summary>SIGKILLs the Erlang VM (a crash, as far as the broker can tell) and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        foreach (var pid in NodeProcesses())
        {
            TryKill(pid);
        }

        if (_launcher is { HasExited: false } launcher)
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await launcher.WaitForExitAsync(cts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                TryKill(launcher.Id);
            }
        }

        var deadline = Stopwatch.StartNew();
        while (PortOpen(AmqpPort) && deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50).ConfigureAwait(false);
        }

        IsRunning = false;
    }

    /// <summary>Stops the broker, kills whatever is left of the node and its private epmd, deletes the folder.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        try
        {
            if (IsRunning)
            {
                await StopAsync().ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            AppendLog($"stop on dispose failed: {e.Message}");
        }

        _disposed = true;
        foreach (var pid in NodeProcesses())
        {
            TryKill(pid);
        }

        if (_launcher is not null)
        {
            if (!_launcher.HasExited)
            {
                TryKill(_launcher.Id);
            }

            _launcher.Dispose();
        }

        if (_epmd is not null)
        {
            if (!_epmd.HasExited)
            {
                TryKill(_epmd.Id);
                await _epmd.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { }).ConfigureAwait(false);
            }

            _epmd.Dispose();
        }

        // An Erlang VM may still be closing files for a moment after SIGKILL.
        for (var attempt = 0; attempt < 20 && Directory.Exists(_folder); attempt++)
        {
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                await Task.Delay(100).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Runs <c>rabbitmqctl -n NODE args…</c> against this node (as the node's user) and returns its output.
    /// Arguments must not contain quotes or shell metacharacters.</summary>
    public async Task<string> RabbitMqCtlAsync(string[] args, CancellationToken ct = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var (code, output) = await RunCtlAsync(args, ct).ConfigureAwait(false);
        return code == 0 ? output : throw new InvalidOperationException($"rabbitmqctl {string.Join(' ', args)} exited with {code}: {output}");
    }

    /// <summary>The last lines of the broker log.</summary>
    public string LogTail(int lines = 40)
    {
        try
        {
            var all = File.ReadAllLines(LogFile);
            return $"--- last {Math.Min(lines, all.Length)} lines of {LogFile} ---\n" + string.Join('\n', all.TakeLast(lines));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"(no log: {e.Message})";
        }
    }

    public override string ToString() => $"{NodeName} amqp={AmqpPort} dist={_distPort} epmd={_epmdPort} dir={_folder}";

    private async Task PrepareFolderAsync(CancellationToken ct)
    {
        var home = Path.Combine(_folder, "home");
        var mnesia = Path.Combine(_folder, "mnesia");
        var logs = Path.Combine(_folder, "log");
        Directory.CreateDirectory(home);
        Directory.CreateDirectory(mnesia);
        Directory.CreateDirectory(logs);

        // Empty plugin list: no management plugin etc.; faster boot, no extra ports.
        var plugins = Path.Combine(_folder, "enabled_plugins");
        await File.WriteAllTextAsync(plugins, "[].\n", ct).ConfigureAwait(false);

        // Private config file: ignores /etc/rabbitmq/rabbitmq.conf.
        var config = Path.Combine(_folder, "rabbitmq.conf");
        await File.WriteAllTextAsync(config, """
            # private test broker
            log.console = true
            log.console.level = info
            log.file.level = info
            disk_free_limit.absolute = 1MB
            """ + "\n", ct).ConfigureAwait(false);

        // Private (empty) rabbitmq-env.conf: ignores /etc/rabbitmq/rabbitmq-env.conf.
        var envConf = Path.Combine(_folder, "rabbitmq-env.conf");
        await File.WriteAllTextAsync(envConf, "", ct).ConfigureAwait(false);

        var env = new StringBuilder();
        env.AppendLine("#!/bin/sh");
        env.AppendLine("# generated by Matching.Testing.RabbitMqBroker");
        void Export(string name, string value) => env.AppendLine($"export {name}='{value}'");
        Export("HOME", home); // private Erlang cookie (created by the first VM on first start)
        Export("RABBITMQ_NODENAME", NodeName);
        Export("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1");
        Export("RABBITMQ_NODE_PORT", AmqpPort.ToString());
        Export("RABBITMQ_DIST_PORT", _distPort.ToString());
        Export("RABBITMQ_MNESIA_BASE", mnesia);
        Export("RABBITMQ_LOG_BASE", logs);
        Export("RABBITMQ_PID_FILE", _pidFile);
        Export("RABBITMQ_ENABLED_PLUGINS_FILE", plugins);
        Export("RABBITMQ_CONFIG_FILE", config);
        Export("RABBITMQ_CONF_ENV_FILE", envConf);
        Export("RABBITMQ_ADVANCED_CONFIG_FILE", Path.Combine(_folder, "advanced.config"));
        // Distribution only on loopback as well (otherwise it listens on 0.0.0.0).
        Export("RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS", "-kernel inet_dist_use_interface {127,0,0,1}");
        Export("RABBITMQ_CTL_ERL_ARGS", "-kernel inet_dist_use_interface {127,0,0,1}"); // rabbitmqctl's own dist port too
        Export("ERL_EPMD_ADDRESS", "127.0.0.1");
        Export("ERL_EPMD_PORT", _epmdPort.ToString());
        Export("LANG", "C.UTF-8");
        Export("LC_ALL", "C.UTF-8");
        var common = env.ToString();

        await File.WriteAllTextAsync(_startScript,
            common + $"cd '{_folder}'\nexec '{Path.Combine(_binDir, "rabbitmq-server")}' >> '{LogFile}' 2>&1\n", ct).ConfigureAwait(false);
        await File.WriteAllTextAsync(_ctlScript,
            common + $"exec '{Path.Combine(_binDir, "rabbitmqctl")}' -n '{NodeName}' \"$@\"\n", ct).ConfigureAwait(false);
        await File.WriteAllTextAsync(LogFile, $"# {this}\n", ct).ConfigureAwait(false);

        if (_asServiceUser)
        {
            var (code, output) = await RunAsync("chown", ["-R", $"{ServiceUser}:{ServiceUser}", _folder], ct).ConfigureAwait(false);
            if (code != 0)
            {
                throw new InvalidOperationException($"chown {ServiceUser} {_folder} failed ({code}): {output}");
            }
        }
    }

    private void StartEpmd()
    {
        var psi = new ProcessStartInfo(File.Exists("/usr/bin/epmd") ? "/usr/bin/epmd" : "epmd")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var a in new[] { "-port", _epmdPort.ToString(), "-address", "127.0.0.1" })
        {
            psi.ArgumentList.Add(a);
        }

        _epmd = Process.Start(psi) ?? throw new InvalidOperationException("could not start epmd");
        _epmd.OutputDataReceived += (_, e) => { if (e.Data is not null) AppendLog("[epmd] " + e.Data); };
        _epmd.ErrorDataReceived += (_, e) => { if (e.Data is not null) AppendLog("[epmd] " + e.Data); };
        _epmd.BeginOutputReadLine();
        _epmd.BeginErrorReadLine();

        var sw = Stopwatch.StartNew();
        while (!PortOpen(_epmdPort))
        {
            if (_epmd.HasExited || sw.Elapsed > TimeSpan.FromSeconds(10))
            {
                throw new InvalidOperationException($"epmd on port {_epmdPort} did not start.\n{LogTail()}");
            }

            Thread.Sleep(20);
        }
    }

    private async Task LaunchAsync(CancellationToken ct)
    {
        if (PortOpen(AmqpPort))
        {
            throw new InvalidOperationException($"port {AmqpPort} is already in use; cannot start {NodeName}");
        }

        try
        {
            File.Delete(_pidFile);
        }
        catch (IOException)
        {
        }

        ProcessStartInfo psi;
        if (_asServiceUser)
        {
            psi = new ProcessStartInfo("su");
            foreach (var a in new[] { ServiceUser, "-s", "/bin/sh", "-c", $"exec /bin/sh '{_startScript}'" })
            {
                psi.ArgumentList.Add(a);
            }
        }
        else
        {
            psi = new ProcessStartInfo("/bin/sh");
            psi.ArgumentList.Add(_startScript);
        }

        psi.UseShellExecute = false;
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        psi.RedirectStandardInput = true;
        _launcher?.Dispose();
        var launcher = Process.Start(psi) ?? throw new InvalidOperationException("could not start rabbitmq-server");
        _launcher = launcher;
        launcher.OutputDataReceived += (_, e) => { if (e.Data is not null) AppendLog("[launcher] " + e.Data); };
        launcher.ErrorDataReceived += (_, e) => { if (e.Data is not null) AppendLog("[launcher] " + e.Data); };
        launcher.BeginOutputReadLine();
        launcher.BeginErrorReadLine();
        IsRunning = true;

        var sw = Stopwatch.StartNew();
        while (!PortOpen(AmqpPort))
        {
            if (launcher.HasExited)
            {
                IsRunning = false;
                throw new InvalidOperationException(
                    $"rabbitmq-server {NodeName} exited with code {launcher.ExitCode} before opening port {AmqpPort}.\n{LogTail()}");
            }

            if (sw.Elapsed > StartTimeout)
            {
                var tail = LogTail();
                await KillAsync().ConfigureAwait(false);
                throw new TimeoutException(
                    $"rabbitmq-server {NodeName} did not open port {AmqpPort} within {StartTimeout.TotalSeconds:0} s.\n{tail}");
            }

            await Task.Delay(100, ct).ConfigureAwait(false);
        }
    }

    /// <summary>PIDs of this node's Erlang VM (from the pid file, else by scanning /proc for our node name).</summary>
    private List<int> NodeProcesses()
    {
        var pids = new List<int>();
        if (ReadBeamPid() is int pid && IsAlive(pid))
        {
            pids.Add(pid);
        }

        try
        {
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(dir), out var p) || pids.Contains(p))
                {
                    continue;
                }

                try
                {
                    var comm = File.ReadAllText(Path.Combine(dir, "comm")).Trim();
                    if (!comm.StartsWith("beam", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    var environ = File.ReadAllText(Path.Combine(dir, "environ"));
                    if (environ.Contains($"\0RABBITMQ_NODENAME={NodeName}\0", StringComparison.Ordinal)
                        || environ.StartsWith($"RABBITMQ_NODENAME={NodeName}\0", StringComparison.Ordinal))
                    {
                        pids.Add(p);
                    }
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }

        return pids;
    }

    private int? ReadBeamPid()
    {
        try
        {
            return int.TryParse(File.ReadAllText(_pidFile).Trim(), out var pid) ? pid : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static bool IsAlive(int pid)
    {
        // A zombie still has a /proc entry; treat it as gone.
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var close = stat.LastIndexOf(')');
            return close > 0 && close + 2 < stat.Length && stat[close + 2] != 'Z';
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static void TryKill(int pid)
    {
        try
        {
            using var p = Process.GetProcessById(pid);
            p.Kill(); // SIGKILL on Unix
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
        }
    }

    private static bool PortOpen(int port)
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int[] FreePorts(int count)
    {
        // Hold all listeners until every port is picked so the same port is not returned twice.
        var listeners = new List<TcpListener>();
        try
        {
            var ports = new int[count];
            for (var i = 0; i < count; i++)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                listeners.Add(listener);
                ports[i] = ((IPEndPoint)listener.LocalEndpoint).Port;
            }

            return ports;
        }
        finally
        {
            foreach (var l in listeners)
            {
                l.Stop();
            }
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, string[] args, CancellationToken ct)
    {
        var psi = new ProcessStartInfo(file)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = p.StandardOutput.ReadToEndAsync(ct);
        var stderr = p.StandardError.ReadToEndAsync(ct);
        try
        {
            await p.WaitForExitAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            TryKill(p.Id);
            throw;
        }

        return (p.ExitCode, (await stdout.ConfigureAwait(false)) + (await stderr.ConfigureAwait(false)));
    }

    private Task<(int ExitCode, string Output)> RunCtlAsync(string[] args, CancellationToken ct)
    {
        // The ctl script must run as the same user as the node: the Erlang cookie lives in the private HOME (0400).
        return _asServiceUser
            ? RunAsync("su", [ServiceUser, "-s", "/bin/sh", "-c", $"exec /bin/sh '{_ctlScript}' {string.Join(' ', args)}"], ct)
            : RunAsync("/bin/sh", [_ctlScript, .. args], ct);
    }

    private readonly object _logLock = new();

    private void AppendLog(string line)
    {
        lock (_logLock)
        {
            try
            {
                File.AppendAllText(LogFile, line + "\n");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }
    }
}
