namespace Matching.Platform.Http;

/// <summary>Where a redirect after sign-in or a language switch may go: a path of this site, else the home page.</summary>
public static class LocalUrl
{
    /// <summary>
    /// The URL when it is a local path in printable ASCII (what the site itself links to, escaped), else "/". Browsers drop
    /// tabs and line breaks and read "\" as "/", so "/%09/evil.example" and "/\evil.example" lead off the site; and a
    /// Location header cannot hold other characters at all (U+3000 made the answer fail after the session was created).
    /// </summary>
    public static string OrHome(string? url) =>
        url is ['/', ..] && !url.StartsWith("//", StringComparison.Ordinal) && url.All(c => c is > ' ' and <= '~' and not '\\') ? url : "/";
}
