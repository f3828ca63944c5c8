using k8s;
using k8s.Models;
using Matching.Testing;

namespace Matching.Deploy.Tests;

/// <summary>
/// Every check of <c>deploy/kubernetes</c>, run on a folder so that a broken copy goes through the same checks: the
/// kustomization rendered by <c>kubectl kustomize</c>; each file and the rendered output against the Kubernetes API's
/// schemas (kubernetes-models, <c>validate-kubernetes.mjs</c>); the rendered output loaded strictly into the API's
/// typed models (KubernetesClient: unknown fields refused); then what the product needs of it.
/// </summary>
internal static class KubernetesManifests
{
    public static string Directory { get; } = Path.Combine(Repository.Root, "deploy", "kubernetes");

    private static readonly string Validator = Path.Combine(Repository.Root, "tests", "Deploy.Tests", "validate-kubernetes.mjs");

    public sealed record Checked(IReadOnlyList<string> Problems, IReadOnlyList<object> Resources);

    public static async Task<Checked> CheckAsync(string directory)
    {
        var problems = new List<string>();
        var render = Tool.Run("kubectl", ["kustomize", directory]);
        if (render.ExitCode != 0)
            return new Checked([$"kubectl kustomize: {render}"], []);

        var files = System.IO.Directory.GetFiles(directory, "*.yaml").Order(StringComparer.Ordinal).ToList();
        var schema = Tool.Run("node", [Validator, .. files, "-"], input: render.Output);
        if (schema.ExitCode != 0)
            problems.AddRange(Lines(schema.Output).DefaultIfEmpty($"validate-kubernetes: {schema}"));

        List<object> resources;
        try
        {
            resources = KubernetesYaml.LoadAllFromString(render.Output, strict: true);
        }
        catch (Exception e) when (e is YamlDotNet.Core.YamlException or InvalidOperationException or ArgumentException)
        {
            problems.Add($"rendered kustomization, strict: {e.Message} {e.InnerException?.Message}");
            return new Checked(problems, []);
        }

        problems.AddRange(Unlisted(directory, files));
        problems.AddRange(Processes(resources));
        problems.AddRange(ProbesAndRequests(resources));
        problems.AddRange(SecretsAndConfiguration(resources));
        if (Deployment(resources, "gateway") is { } gateway)
            problems.AddRange(await Product.UnroutedAsync(Settings(gateway, resources), m => AddressOf(resources, m)));
        return new Checked(problems, resources);
    }

    private static string[] Lines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>A manifest beside the kustomization that it does not list is never applied, nor checked in the rendered output.</summary>
    private static IEnumerable<string> Unlisted(string directory, IEnumerable<string> files)
    {
        var kustomization = File.ReadAllText(Path.Combine(directory, "kustomization.yaml"));
        return files.Select(Path.GetFileName).Where(f => f != "kustomization.yaml" && !kustomization.Contains($"- {f}", StringComparison.Ordinal))
            .Select(f => $"kustomization.yaml does not list {f}");
    }

    public static V1Deployment? Deployment(IEnumerable<object> resources, string name) =>
        resources.OfType<V1Deployment>().SingleOrDefault(d => d.Metadata.Name == name);

    /// <summary>The address a process's Service gives it inside the namespace: <c>http://name:port</c>.</summary>
    public static string? AddressOf(IEnumerable<object> resources, string name) =>
        resources.OfType<V1Service>().SingleOrDefault(s => s.Metadata.Name == name) is { } service && service.Spec.Ports?.FirstOrDefault() is { } port
            ? $"http://{name}:{port.Port}" : null;

    /// <summary>Every process of the product: a Deployment that runs it (<c>--services name</c>), a Service that selects its pods.</summary>
    private static IEnumerable<string> Processes(IReadOnlyList<object> resources)
    {
        foreach (var name in Product.Processes)
        {
            var deployment = Deployment(resources, name);
            if (deployment is null)
            {
                yield return $"{name}: no Deployment";
            }
            else
            {
                var args = deployment.Spec.Template.Spec.Containers[0].Args ?? [];
                var at = args.IndexOf("--services");
                if (at < 0 || at + 1 >= args.Count || args[at + 1] != name)
                    yield return $"{name}: the Deployment does not run --services {name} (args: {string.Join(' ', args)})";
            }
            var service = resources.OfType<V1Service>().SingleOrDefault(s => s.Metadata.Name == name);
            if (service is null)
            {
                yield return $"{name}: no Service";
                continue;
            }
            var labels = deployment?.Spec.Template.Metadata.Labels ?? new Dictionary<string, string>();
            if (service.Spec.Selector is not { Count: > 0 } selector || selector.Any(s => !labels.TryGetValue(s.Key, out var v) || v != s.Value))
                yield return $"{name}: the Service does not select the Deployment's pods";
            var containerPorts = deployment?.Spec.Template.Spec.Containers.SelectMany(c => c.Ports ?? []).ToList() ?? [];
            foreach (var port in service.Spec.Ports ?? [])
            {
                var target = port.TargetPort?.Value ?? port.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (!containerPorts.Any(p => p.Name == target || p.ContainerPort.ToString(System.Globalization.CultureInfo.InvariantCulture) == target))
                    yield return $"{name}: the Service's port {port.Port} targets {target}, which no container of the Deployment opens";
            }
        }
    }

    /// <summary>Every container of every Deployment: readiness and liveness probes, CPU and memory requests.</summary>
    private static IEnumerable<string> ProbesAndRequests(IReadOnlyList<object> resources)
    {
        foreach (var deployment in resources.OfType<V1Deployment>())
        {
            foreach (var container in deployment.Spec.Template.Spec.Containers)
            {
                var where = $"{deployment.Metadata.Name}: container {container.Name}";
                if (container.ReadinessProbe is null)
                    yield return $"{where} has no readinessProbe";
                if (container.LivenessProbe is null)
                    yield return $"{where} has no livenessProbe";
                var requests = container.Resources?.Requests;
                if (requests is null || !requests.ContainsKey("cpu") || !requests.ContainsKey("memory"))
                    yield return $"{where} requests no cpu and memory";
            }
        }
    }

    /// <summary>
    /// A container's settings as the process sees them: ConfigMaps (envFrom) first, then env; a value from a Secret
    /// reads <c>secret:name/key</c>.
    /// </summary>
    public static Dictionary<string, string> Settings(V1Deployment deployment, IReadOnlyList<object> resources)
    {
        var container = deployment.Spec.Template.Spec.Containers[0];
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var source in container.EnvFrom ?? [])
        {
            if (source.ConfigMapRef is { } reference
                && resources.OfType<V1ConfigMap>().SingleOrDefault(c => c.Metadata.Name == reference.Name) is { Data: { } data })
            {
                foreach (var (key, value) in data)
                    settings[key] = value;
            }
            if (source.SecretRef is { } secret)
                settings[$"secret:{secret.Name}/*"] = "";
        }
        foreach (var variable in container.Env ?? [])
        {
            settings[variable.Name] = variable.ValueFrom?.SecretKeyRef is { } secret ? $"secret:{secret.Name}/{secret.Key}"
                : variable.ValueFrom?.ConfigMapKeyRef is { } config
                  && resources.OfType<V1ConfigMap>().SingleOrDefault(c => c.Metadata.Name == config.Name)?.Data is { } data
                  && data.TryGetValue(config.Key, out var fromMap) ? fromMap
                : variable.Value ?? "";
        }
        return settings;
    }

    /// <summary>Names of settings that hold a secret: they must come from a Secret, never a literal or a ConfigMap.</summary>
    public static bool IsSecret(string name) =>
        name.StartsWith("ConnectionStrings__", StringComparison.Ordinal) || name == "Matching__Bus__RabbitMq"
        || name.Contains("Password", StringComparison.OrdinalIgnoreCase) || name.Contains("Secret", StringComparison.OrdinalIgnoreCase)
        || name.Contains("Cookie", StringComparison.OrdinalIgnoreCase) || name.EndsWith("_PASS", StringComparison.Ordinal);

    private static IEnumerable<string> SecretsAndConfiguration(IReadOnlyList<object> resources)
    {
        foreach (var map in resources.OfType<V1ConfigMap>())
        {
            foreach (var key in (map.Data?.Keys ?? []).Where(IsSecret))
                yield return $"ConfigMap {map.Metadata.Name}: {key} is a secret; it belongs in a Secret";
        }
        var secrets = resources.OfType<V1Secret>().ToDictionary(s => s.Metadata.Name, s => (s.StringData?.Keys ?? []).Concat(s.Data?.Keys ?? []).ToHashSet(StringComparer.Ordinal));
        var pods = resources.OfType<V1Deployment>().Select(d => (d.Metadata.Name, d.Spec.Template.Spec))
            .Concat(resources.OfType<V1StatefulSet>().Select(s => (s.Metadata.Name, s.Spec.Template.Spec)))
            .Concat(resources.OfType<V1Job>().Select(j => (j.Metadata.Name, j.Spec.Template.Spec)));
        foreach (var (name, spec) in pods)
        {
            foreach (var variable in spec.Containers.SelectMany(c => c.Env ?? []))
            {
                if (IsSecret(variable.Name) && variable.ValueFrom?.SecretKeyRef is null)
                    yield return $"{name}: {variable.Name} is a literal; a secret comes from a Secret (secretKeyRef)";
                if (variable.ValueFrom?.SecretKeyRef is { Optional: not true } reference
                    && !(secrets.TryGetValue(reference.Name, out var keys) && keys.Contains(reference.Key)))
                    yield return $"{name}: {variable.Name} reads Secret {reference.Name} key {reference.Key}, which the kustomization does not define";
            }
        }

        var processes = Product.Processes.Select(p => (Name: p, Deployment: Deployment(resources, p))).Where(p => p.Deployment is not null)
            .ToDictionary(p => p.Name, p => Settings(p.Deployment!, resources));
        foreach (var (name, settings) in processes)
        {
            if (!settings.ContainsKey("Matching__Auth__EdgeSecret"))
                yield return $"{name}: no Matching__Auth__EdgeSecret (the gateway's signature of the user)";
        }
        foreach (var name in Product.WithDatabase.Where(processes.ContainsKey))
        {
            var settings = processes[name];
            foreach (var key in new[] { $"ConnectionStrings__{name}", "Matching__Bus__RabbitMq", "Matching__Bus__Transport", "Matching__Mail__Host", "Matching__Mail__From", "Matching__Webhooks__AllowHttp" })
            {
                if (!settings.ContainsKey(key))
                    yield return $"{name}: no {key}";
            }
        }
        if (processes.TryGetValue(Product.Web, out var web) && web.GetValueOrDefault("Matching__Web__ApiAddress") != AddressOf(resources, Matching.Host.MatchingHost.Gateway))
            yield return $"web: Matching__Web__ApiAddress is {web.GetValueOrDefault("Matching__Web__ApiAddress")}, not the gateway's Service {AddressOf(resources, Matching.Host.MatchingHost.Gateway)}";

        // The key ring: web and accounts mount one claim, shared between nodes, where Matching:KeysDirectory points.
        var claims = new List<string>();
        foreach (var name in new[] { Product.Web, Product.Accounts })
        {
            if (Deployment(resources, name) is not { } deployment)
                continue;
            var folder = processes[name].GetValueOrDefault("Matching__KeysDirectory");
            var spec = deployment.Spec.Template.Spec;
            var mount = spec.Containers[0].VolumeMounts?.FirstOrDefault(m => m.MountPath == folder);
            var claim = spec.Volumes?.FirstOrDefault(v => v.Name == mount?.Name)?.PersistentVolumeClaim?.ClaimName;
            if (folder is null || claim is null)
                yield return $"{name}: Matching__KeysDirectory ({folder ?? "unset"}) is not on a PersistentVolumeClaim";
            else
                claims.Add(claim);
        }
        if (claims.Distinct(StringComparer.Ordinal).Count() > 1)
            yield return $"web and {Product.Accounts} keep their data-protection keys on different claims: {string.Join(", ", claims)}";
        foreach (var claim in claims.Distinct(StringComparer.Ordinal))
        {
            var pvc = resources.OfType<V1PersistentVolumeClaim>().SingleOrDefault(c => c.Metadata.Name == claim);
            if (pvc?.Spec.AccessModes?.Contains("ReadWriteMany") != true)
                yield return $"PersistentVolumeClaim {claim}: missing, or not ReadWriteMany (replicas on different nodes share it)";
        }
    }
}
