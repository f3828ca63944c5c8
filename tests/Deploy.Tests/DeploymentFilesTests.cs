using k8s;
using k8s.Models;
using Matching.Testing;

namespace Matching.Deploy.Tests;

/// <summary>
/// deploy/compose.yaml and deploy/kubernetes/ validated by real tools (docker-compose config, kubectl kustomize,
/// the Kubernetes API's schemas), then checked against the code: every module of the host runs, behind the gateway,
/// with probes, requests and its secrets from Secrets. Broken copies go through the same checks and must fail.
/// </summary>
public sealed class DeploymentFilesTests
{
    [Fact]
    public async Task Kubernetes_manifests_and_their_rendered_kustomization_pass_every_check()
    {
        var result = await KubernetesManifests.CheckAsync(KubernetesManifests.Directory);

        Assert.Empty(result.Problems);
        // What the checks saw: every process has its Deployment, running the image the kustomization names.
        var deployments = result.Resources.OfType<V1Deployment>().ToDictionary(d => d.Metadata.Name);
        Assert.All(Product.Processes, p => Assert.Contains(p, deployments.Keys));
        Assert.All(deployments.Values, d => Assert.Equal("registry.example.com/matching:1.0.0", d.Spec.Template.Spec.Containers[0].Image));
        Assert.All(result.Resources.OfType<IMetadata<V1ObjectMeta>>(), r => Assert.True(r is V1Namespace || r.Metadata.NamespaceProperty == "matching", r.Metadata.Name));
    }

    [Fact]
    public async Task Compose_file_passes_docker_compose_config_and_every_check()
    {
        var result = await ComposeFile.CheckAsync(ComposeFile.Directory);

        Assert.Empty(result.Problems);
        Assert.All(Product.Processes, p => Assert.Contains(p, result.Environments.Keys));
    }

    [Fact]
    public async Task The_gateway_built_from_each_file_proxies_every_route_of_every_module_and_nothing_else()
    {
        var kubernetes = await KubernetesManifests.CheckAsync(KubernetesManifests.Directory);
        var compose = await ComposeFile.CheckAsync(ComposeFile.Directory);
        var gateway = KubernetesManifests.Settings(KubernetesManifests.Deployment(kubernetes.Resources, "gateway")!, kubernetes.Resources);
        const string prefix = "Matching__Gateway__Services__";

        // One address per module of the host, and none for a module that no longer exists.
        var modules = Product.Modules.Select(m => m.Name).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(modules, gateway.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).Select(k => k[prefix.Length..]).Order(StringComparer.Ordinal));
        Assert.Equal(modules, compose.Environments["gateway"].Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).Select(k => k[prefix.Length..]).Order(StringComparer.Ordinal));
        Assert.Contains("web", modules);
        Assert.Empty(await Product.UnroutedAsync(gateway, m => KubernetesManifests.AddressOf(kubernetes.Resources, m)));
    }

    public static TheoryData<string, string, string, string> BrokenManifests => new()
    {
        // name of the break, file, text replaced (must be there), replacement; the expected problem is asserted below
        { "the web UI left out", "kustomization.yaml", "  - web.yaml\n", "" },
        { "a readiness probe removed", "coordinators.yaml", """
                      # Ready = its database and the broker answer.
                      readinessProbe:
                        httpGet:
                          path: /health/ready
                          port: http
                        periodSeconds: 10
                        timeoutSeconds: 5
                        failureThreshold: 3

            """, "\n" },
        { "the gateway's route to the web UI removed", "gateway.yaml", """
                        - name: Matching__Gateway__Services__web
                          value: http://web:8080

            """, "" },
        { "a misspelt field", "web.yaml", "          livenessProbe:", "          livenesProbe:" },
        { "a string where the schema wants an integer", "companies.yaml", "  replicas: 2", "  replicas: two" },
        { "a secret written as a literal", "web.yaml", """
                        - name: Matching__Auth__EdgeSecret
                          valueFrom:
                            secretKeyRef:
                              name: matching
                              key: Matching__Auth__EdgeSecret

            """, """
                        - name: Matching__Auth__EdgeSecret
                          value: "9f8Kq2vX7pLm3nR6tY1wZ4bC"

            """ },
    };

    private static readonly Dictionary<string, string> ExpectedKubernetesProblem = new()
    {
        ["the web UI left out"] = "web: no Deployment",
        ["a readiness probe removed"] = "coordinators: container coordinators has no readinessProbe",
        ["the gateway's route to the web UI removed"] = "gateway: sends nothing to web",
        ["a misspelt field"] = "livenesProbe",
        ["a string where the schema wants an integer"] = "spec/replicas must be integer",
        ["a secret written as a literal"] = "web: Matching__Auth__EdgeSecret is a literal",
    };

    [Theory]
    [MemberData(nameof(BrokenManifests))]
    public async Task A_broken_copy_of_the_manifests_fails(string broken, string file, string text, string replacement)
    {
        using var copy = new TempFolder("matching-k8s-broken");
        foreach (var path in Directory.GetFiles(KubernetesManifests.Directory))
            File.Copy(path, Path.Combine(copy.Path, Path.GetFileName(path)));
        Break(Path.Combine(copy.Path, file), text, replacement);

        var result = await KubernetesManifests.CheckAsync(copy.Path);

        Assert.Contains(result.Problems, p => p.Contains(ExpectedKubernetesProblem[broken], StringComparison.Ordinal));
    }

    public static TheoryData<string, string, string> BrokenComposeFiles => new()
    {
        { "the web UI left out", "\n  web:\n    <<: *matching\n    command: [\"--services\", \"web\"]", "\n  ui:\n    <<: *matching\n    command: [\"--services\", \"web\"]" },
        { "the gateway's route to the web UI removed", "      Matching__Gateway__Services__web: http://web:8080\n", "" },
        { "a key the Compose schema does not know", "    command: [\"--services\", \"web\"]\n", "    command: [\"--services\", \"web\"]\n    restartt: always\n" },
        { "a secret written in the file", "${MATCHING_EDGE_SECRET:?set in deploy/.env}", "9f8Kq2vX7pLm3nR6tY1wZ4bC" },
        { "a default password", "Password=${MSSQL_SA_PASSWORD:?set in deploy/.env};TrustServerCertificate=True\n      OTEL_SERVICE_NAME: matching-companies",
            "Password=${MSSQL_SA_PASSWORD:-Sql_Server_2022};TrustServerCertificate=True\n      OTEL_SERVICE_NAME: matching-companies" },
    };

    private static readonly Dictionary<string, string> ExpectedComposeProblem = new()
    {
        ["the web UI left out"] = "web: no compose service",
        ["the gateway's route to the web UI removed"] = "gateway: sends nothing to web",
        ["a key the Compose schema does not know"] = "restartt",
        ["a secret written in the file"] = "Matching__Auth__EdgeSecret is written in the file",
        ["a default password"] = "a connection string's password is written in the file",
    };

    [Theory]
    [MemberData(nameof(BrokenComposeFiles))]
    public async Task A_broken_copy_of_the_compose_file_fails(string broken, string text, string replacement)
    {
        using var copy = new TempFolder("matching-compose-broken");
        foreach (var name in new[] { "compose.yaml", ".env.example" })
            File.Copy(Path.Combine(ComposeFile.Directory, name), Path.Combine(copy.Path, name));
        Break(Path.Combine(copy.Path, "compose.yaml"), text, replacement);
        // A gateway that waits for a service the copy no longer has is refused by compose before any of our checks.
        if (broken == "the web UI left out")
            Break(Path.Combine(copy.Path, "compose.yaml"), "      web:\n        condition: service_started\n", "");

        var result = await ComposeFile.CheckAsync(copy.Path);

        Assert.Contains(result.Problems, p => p.Contains(ExpectedComposeProblem[broken], StringComparison.Ordinal));
    }

    private static void Break(string path, string text, string replacement)
    {
        var content = File.ReadAllText(path);
        Assert.True(content.Contains(text, StringComparison.Ordinal), $"{Path.GetFileName(path)} no longer contains the text this test breaks:\n{text}");
        File.WriteAllText(path, content.Replace(text, replacement, StringComparison.Ordinal));
    }
}
