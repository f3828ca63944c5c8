namespace Matching.Platform.Http;

/// <summary>The one rule for an e-mail address a request gives: a plain address (no display name, no spaces), at most 254 characters.</summary>
public static class EmailAddress
{
    public static bool IsValid(string? text) =>
        text is { Length: > 2 and <= 254 } && System.Net.Mail.MailAddress.TryCreate(text, out var address) && address.Address == text && !text.Contains(' ');
}
