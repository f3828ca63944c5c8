namespace Matching.Testing;

/// <summary>Paths in the repository, found from the test's output folder.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>The build configuration the tests were built in (Debug or Release): the host was built the same way.</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    public static string HostDll => Path.Combine(Root, "services", "Matching.Host", "bin", Configuration, "net10.0", "Matching.Host.dll");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Matching.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"No Matching.sln above {AppContext.BaseDirectory}.");
    }
}
