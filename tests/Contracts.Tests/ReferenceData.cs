namespace Matching.Contracts.Tests;

/// <summary>Reference data shipped in the repository (shared/Matching.Contracts/Places), found from the test's output folder.</summary>
internal static class ReferenceData
{
    public static string Locate(string fileName)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Matching.sln")))
                return Path.Combine(dir.FullName, "shared", "Matching.Contracts", "Places", fileName);
        }
        throw new FileNotFoundException($"No Matching.sln above {AppContext.BaseDirectory}.", fileName);
    }
}
