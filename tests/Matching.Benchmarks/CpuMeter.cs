using System.Globalization;

namespace Matching.Benchmarks;

/// <summary>
/// CPU time spent by the processes of a run (from /proc), so a run reports where each unit of work's CPU went:
/// on two shared cores throughput is set by the sum, and the sum varies far less between runs than the rate does.
/// </summary>
internal sealed class CpuMeter
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux
    private readonly List<(string Name, int Pid)> processes;
    private readonly Dictionary<int, double> start = [];
    private double machineStart;

    public CpuMeter(IEnumerable<(string Name, int Pid)> processes)
    {
        this.processes = processes.Where(p => p.Pid > 0).ToList();
    }

    /// <summary>The PIDs whose command line contains <paramref name="marker"/> (a broker's node name, say).</summary>
    public static IEnumerable<int> FindProcesses(string marker)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
                continue;
            string commandLine;
            try
            {
                commandLine = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
            }
            catch (IOException)
            {
                continue;
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }
            if (commandLine.Contains(marker, StringComparison.Ordinal))
                yield return pid;
        }
    }

    public void Start()
    {
        foreach (var (_, pid) in processes)
            start[pid] = ProcessSeconds(pid);
        machineStart = MachineBusySeconds();
    }

    /// <summary>Prints each process's CPU time since <see cref="Start"/> in microseconds per unit of work.</summary>
    public void Report(int units, string unit)
    {
        var machine = MachineBusySeconds() - machineStart;
        Console.WriteLine($"CPU per {unit} (µs), {units} {unit}s:");
        var named = 0.0;
        foreach (var group in processes.GroupBy(p => p.Name))
        {
            var seconds = group.Sum(p => ProcessSeconds(p.Pid) - start[p.Pid]);
            named += seconds;
            Console.WriteLine($"  {group.Key,-14} {seconds * 1e6 / units,8:0}");
        }
        Console.WriteLine($"  {"rest",-14} {(machine - named) * 1e6 / units,8:0}");
        Console.WriteLine($"  {"machine",-14} {machine * 1e6 / units,8:0}");
    }

    private static double ProcessSeconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // Fields after the command name in parentheses: state is field 3, utime 14, stime 15.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static double MachineBusySeconds()
    {
        var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // user nice system idle iowait irq softirq steal …: busy is everything but idle and iowait.
        var values = cpu.Skip(1).Take(8).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        return (values.Sum() - values[3] - values[4]) / TicksPerSecond;
    }
}
