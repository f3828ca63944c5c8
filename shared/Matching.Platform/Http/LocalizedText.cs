using System.Globalization;

namespace Matching.Platform.Http;

/// <summary>A message in Japanese (the default) and English, chosen by the request's culture (Accept-Language, ?culture=).</summary>
public sealed record LocalizedText(string Ja, string En)
{
    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public override string ToString() => IsEnglish ? En : Ja;

    public LocalizedText Format(params object?[] args) =>
        new(string.Format(CultureInfo.InvariantCulture, Ja, args), string.Format(CultureInfo.InvariantCulture, En, args));
}
