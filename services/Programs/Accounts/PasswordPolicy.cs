using System.Text;
using Matching.Platform.Http;

namespace Matching.Programs.Accounts;

/// <summary>
/// What a new password must be, wherever one is set (<c>POST /api/users</c>, <c>users add</c>, <c>users password</c>):
/// long enough, no longer than sign-in accepts, and not one that is guessed first.
/// </summary>
internal static class PasswordPolicy
{
    /// <summary>The longest password sign-in accepts: a longer one could be stored and never used.</summary>
    public const int MaxLength = 200;

    private static readonly Lazy<HashSet<string>> Common = new(LoadCommon);

    /// <summary>Why <paramref name="password"/> is refused, or null when it may be used.</summary>
    public static LocalizedText? Refusal(string password, string userName, string? displayName, int minLength)
    {
        if (password.Length < minLength)
            return AccountTexts.PasswordTooShort.Format(minLength);
        if (password.Length > MaxLength)
            return AccountTexts.PasswordTooLong.Format(MaxLength);
        if (password.Distinct().Count() == 1)
            return AccountTexts.PasswordOneCharacter;
        var folded = Fold(password);
        if (folded == Fold(userName) || (displayName is not null && folded == Fold(displayName)))
            return AccountTexts.PasswordIsUserName;
        if (Common.Value.Contains(folded))
            return AccountTexts.PasswordCommon;
        return null;
    }

    // Width, case and spaces do not make a password different: "Ｐａｓｓｗｏｒｄ１２３" is "password123".
    private static string Fold(string text) =>
        new([.. text.Normalize(NormalizationForm.FormKC).ToLowerInvariant().Where(c => !char.IsWhiteSpace(c))]);

    private static HashSet<string> LoadCommon()
    {
        using var stream = typeof(PasswordPolicy).Assembly.GetManifestResourceStream("Accounts/common-passwords.txt")
            ?? throw new InvalidOperationException("The common password list is not embedded.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
                set.Add(Fold(line));
        }
        return set;
    }
}
