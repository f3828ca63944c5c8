using Matching.Testing;
using YamlDotNet.Serialization;

namespace Matching.Deploy.Tests;

/// <summary>
/// Every check of <c>deploy/compose.yaml</c>, run on a folder so that a broken copy goes through the same checks:
/// Debian's <c>docker-compose config</c> (the Compose file schema, interpolation with <c>.env.example</c>, anchors and
/// merges resolved), then what the product needs of the resolved file, then the raw file for secrets written in it.
/// </summary>
internal static class ComposeFile
{
    public static string Directory { get; } = Path.Combine(Repository.Root, "deploy");

    public sealed record Checked(IReadOnlyList<string> Problems, IReadOnlyDictionary<string, Dictionary<string, string>> Environments);

    public static async Task<Checked> CheckAsync(string directory)
    {
        var config = Tool.Run("docker-compose", ["--env-file", Path.Combine(directory, ".env.example"), "-f", Path.Combine(directory, "compose.yaml"), "config"],
            workingDirectory: directory);
        if (config.ExitCode != 0)
            return new Checked([$"docker-compose config: {config}"], new Dictionary<string, Dictionary<string, string>>());

        var problems = new List<string>();
        var file = new DeserializerBuilder().Build().Deserialize<Dictionary<object, object>>(config.Output);
        var services = ((Dictionary<object, object>)file["services"]).ToDictionary(s => (string)s.Key, s => (Dictionary<object, object>)s.Value);
        var environments = services.ToDictionary(s => s.Key, s => Environment(s.Value));

        foreach (var name in Product.Processes)
        {
            if (!services.TryGetValue(name, out var service))
            {
                problems.Add($"{name}: no compose service");
                continue;
            }
            var command = (service.GetValueOrDefault("command") as List<object>)?.Cast<string>().ToList() ?? [];
            var at = command.IndexOf("--services");
            if (at < 0 || at + 1 >= command.Count || command[at + 1] != name)
                problems.Add($"{name}: the service does not run --services {name} (command: {string.Join(' ', command)})");
            if (!environments[name].ContainsKey("Matching__Auth__EdgeSecret"))
                problems.Add($"{name}: no Matching__Auth__EdgeSecret (the gateway's signature of the user)");
        }
        foreach (var name in Product.WithDatabase.Where(environments.ContainsKey))
        {
            foreach (var key in new[] { $"ConnectionStrings__{name}", "Matching__Bus__RabbitMq", "Matching__Bus__Transport", "Matching__Mail__Host", "Matching__Mail__From", "Matching__Webhooks__AllowHttp" })
            {
                if (!environments[name].ContainsKey(key))
                    problems.Add($"{name}: no {key}");
            }
        }
        var gateway = Matching.Host.MatchingHost.Gateway;
        if (environments.TryGetValue(Product.Web, out var web) && web.GetValueOrDefault("Matching__Web__ApiAddress") != $"http://{gateway}:8080")
            problems.Add($"web: Matching__Web__ApiAddress is {web.GetValueOrDefault("Matching__Web__ApiAddress")}, not the gateway (http://{gateway}:8080)");

        // The key ring: web and accounts mount one named volume where Matching:KeysDirectory points.
        var volumes = new List<string>();
        foreach (var name in new[] { Product.Web, Product.Accounts }.Where(services.ContainsKey))
        {
            var folder = environments[name].GetValueOrDefault("Matching__KeysDirectory");
            var volume = (services[name].GetValueOrDefault("volumes") as List<object> ?? []).Select(Mount)
                .FirstOrDefault(m => m.Target == folder && m.Type == "volume").Source;
            if (folder is null || volume is null)
                problems.Add($"{name}: Matching__KeysDirectory ({folder ?? "unset"}) is not on a named volume");
            else
                volumes.Add(volume);
        }
        if (volumes.Distinct(StringComparer.Ordinal).Count() > 1)
            problems.Add($"web and {Product.Accounts} keep their data-protection keys on different volumes: {string.Join(", ", volumes)}");

        if (environments.TryGetValue(gateway, out var gatewaySettings))
            problems.AddRange(await Product.UnroutedAsync(gatewaySettings, m => services.ContainsKey(m) ? $"http://{m}:8080" : null));
        problems.AddRange(SecretsWritten(File.ReadAllText(Path.Combine(directory, "compose.yaml"))));
        return new Checked(problems, environments);
    }

    private static Dictionary<string, string> Environment(Dictionary<object, object> service) =>
        (service.GetValueOrDefault("environment") as Dictionary<object, object> ?? []).ToDictionary(e => (string)e.Key, e => e.Value as string ?? "", StringComparer.Ordinal);

    /// <summary>A volume entry of the resolved file: long syntax (<c>type/source/target</c>) or <c>source:target[:mode]</c>.</summary>
    private static (string? Type, string? Source, string? Target) Mount(object entry)
    {
        if (entry is Dictionary<object, object> mount)
            return (mount.GetValueOrDefault("type") as string, mount.GetValueOrDefault("source") as string, mount.GetValueOrDefault("target") as string);
        var parts = ((string)entry).Split(':');
        return (parts[0].StartsWith('/') || parts[0].StartsWith('.') ? "bind" : "volume", parts[0], parts.ElementAtOrDefault(1));
    }

    /// <summary>
    /// In the raw file (before interpolation) a secret is only ever a variable from <c>deploy/.env</c>: every setting
    /// named like a secret, and every <c>Password=</c> in a connection string, is <c>${NAME:?…}</c> or <c>${NAME:-}</c>
    /// (empty), never a literal or a default value.
    /// </summary>
    public static IEnumerable<string> SecretsWritten(string compose)
    {
        var lines = compose.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.StartsWith('#'))
                continue;
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && KubernetesManifests.IsSecret(line[..colon]) && !line[..colon].Contains(' ', StringComparison.Ordinal))
            {
                var value = line[(colon + 1)..].Trim();
                var uriPassword = System.Text.RegularExpressions.Regex.Match(value, "^[a-z]+://[^:/@]+:([^@]+)@");
                if (!IsVariable(value) && !(uriPassword.Success && IsVariable(uriPassword.Groups[1].Value)) && !value.Contains("Password=", StringComparison.Ordinal))
                    yield return $"compose.yaml line {i + 1}: {line[..colon]} is written in the file; it belongs in deploy/.env";
            }
            foreach (System.Text.RegularExpressions.Match password in System.Text.RegularExpressions.Regex.Matches(line, "Password=([^;]*)"))
            {
                if (!IsVariable(password.Groups[1].Value))
                    yield return $"compose.yaml line {i + 1}: a connection string's password is written in the file; it belongs in deploy/.env";
            }
        }
    }

    private static bool IsVariable(string value) =>
        System.Text.RegularExpressions.Regex.IsMatch(value, @"^\$\{[A-Z0-9_]+(:\?[^}]*|:-)?\}$");
}
