using System.Text.RegularExpressions;
using Matching.Testing;

namespace Matching.Deploy.Tests;

/// <summary>No secret value is committed: Secrets only in *.example files, and every value there a placeholder.</summary>
public sealed partial class SecretsTests
{
    private static readonly string Deploy = Path.Combine(Repository.Root, "deploy");

    [Fact]
    public void Kubernetes_Secrets_are_only_in_example_files_and_hold_placeholders()
    {
        var files = Directory.GetFiles(Path.Combine(Deploy, "kubernetes"), "*.yaml");
        var withSecrets = files.Where(f => SecretKind().IsMatch(File.ReadAllText(f))).Select(Path.GetFileName).ToList();

        Assert.Equal(["secrets.example.yaml"], withSecrets);
        Assert.Empty(NotPlaceholders(File.ReadAllText(Path.Combine(Deploy, "kubernetes", "secrets.example.yaml"))));
    }

    [Fact]
    public void The_compose_secrets_are_placeholders_in_env_example_and_deploy_env_is_never_committed()
    {
        Assert.Empty(NotPlaceholders(File.ReadAllText(Path.Combine(Deploy, ".env.example"))));
        Assert.Empty(ComposeFile.SecretsWritten(File.ReadAllText(Path.Combine(Deploy, "compose.yaml"))));

        var tracked = Tool.Run("git", ["-C", Repository.Root, "ls-files", "deploy"]);
        Assert.Equal(0, tracked.ExitCode);
        Assert.Contains("deploy/.env.example", tracked.Output.Split('\n'));
        Assert.DoesNotContain("deploy/.env", tracked.Output.Split('\n'));
    }

    [Fact]
    public void A_real_looking_secret_is_found()
    {
        Assert.Equal(["RABBITMQ_PASSWORD"], NotPlaceholders("# a comment\nRABBITMQ_PASSWORD=Tr0ub4dor-3\nCOMPOSE_PROJECT_NAME=matching\n"));
        Assert.Equal(["password"], NotPlaceholders("stringData:\n  username: \"matching\"\n  password: \"s3cure-Passw0rd\"\n"));
        Assert.Equal(["ConnectionStrings__programs"], NotPlaceholders("  ConnectionStrings__programs: \"Server=db;User Id=sa;Password=Xy9_k2!qq\"\n"));
    }

    /// <summary>
    /// The names of secret settings (<c>NAME=value</c> or <c>name: value</c>, outside comments) whose value is not a
    /// placeholder: a placeholder says "change me" (<c>change-me</c>, <c>Change_Me_123</c>) where the secret goes.
    /// </summary>
    private static List<string> NotPlaceholders(string text) =>
        [.. Setting().Matches(text).Where(m => KubernetesManifests.IsSecret(m.Groups["name"].Value) || m.Groups["name"].Value.EndsWith("PASSWORD", StringComparison.Ordinal)
                || m.Groups["name"].Value is "password" or "erlang-cookie")
            .Where(m => !m.Groups["value"].Value.Replace('_', '-').Contains("change-me", StringComparison.OrdinalIgnoreCase))
            .Select(m => m.Groups["name"].Value)];

    [GeneratedRegex(@"^kind:\s*Secret\s*$", RegexOptions.Multiline)]
    private static partial Regex SecretKind();

    [GeneratedRegex(@"^[ \t]*(?<name>[A-Za-z][A-Za-z0-9_\-]*)[ \t]*(=|:[ \t])[ \t]*(?<value>.+)$", RegexOptions.Multiline)]
    private static partial Regex Setting();
}
