namespace Matching.Contracts.Tests;

// The test project runs both from scratch and from /work/main/tests/..., so find the data
// by walking up from the output folder until an ancestor has shared/data/<file>.
internal static class SharedData
{
    public static string Locate(string fileName)
    {
        var relative = Path.Combine("shared", "data", fileName);
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(
            $"No ancestor of {AppContext.BaseDirectory} contains {relative}.", fileName);
    }
}
