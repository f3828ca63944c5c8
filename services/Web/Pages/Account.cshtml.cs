using Matching.Web.Api;
using Microsoft.AspNetCore.Mvc;

namespace Matching.Web.Pages;

/// <summary>
/// アカウント — the signed-in user's own settings: the e-mail address where the product tells them of changes that
/// concern them (a firm's answer to their referral, its expiry).
/// </summary>
[PageAccess]
public sealed class AccountModel(ApiClient api) : UserPage(api)
{
    public sealed record NotificationSettings(string? Email);

    [BindProperty]
    public string? Email { get; set; }

    /// <summary>Set after a save, shown as a confirmation.</summary>
    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(bool saved, CancellationToken ct)
    {
        Saved = saved;
        return await LoadAsync(ct) ?? Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await Api.PutAsync<NotificationSettings>("/api/me/notifications", new { email = string.IsNullOrWhiteSpace(Email) ? null : Email.Trim() }, ct);
        return await AnsweredAsync(result, _ => "/account?saved=true", () => Task.FromResult<IActionResult?>(null), 400);
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var settings = await Api.GetAsync<NotificationSettings>("/api/me/notifications", ct);
        if (!settings.Ok)
            return Failed(settings);
        Email = settings.Value?.Email;
        return null;
    }
}
