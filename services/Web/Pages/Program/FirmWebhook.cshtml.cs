using Matching.Platform.Auth;
using Matching.Web.Api;
using Microsoft.AspNetCore.Mvc;

namespace Matching.Web.Pages.Program;

/// <summary>
/// システム連携 — a firm connects its own system to receive referrals by webhook: the endpoint, its secret (shown once,
/// rotated with an overlap), and the delivery log, from which a failed delivery is sent again.
/// </summary>
[PageAccess(ProgramRole.Recruiter, ProgramRole.Office)]
public sealed class FirmWebhookModel(ApiClient api) : ProgramPage(api)
{
    public Guid FirmId { get; private set; }

    public WebhookSubscription? Subscription { get; private set; }

    /// <summary>A secret just created or rotated: shown on this answer only.</summary>
    public string? NewSecret { get; private set; }

    public ListPage<WebhookDelivery> Deliveries { get; private set; } = new([], 1, 50, 0);

    [BindProperty(Name = "url")]
    public string? Endpoint { get; set; }

    [BindProperty]
    public string? DeliveryId { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostEndpointAsync(Guid id, CancellationToken ct)
    {
        var result = await Api.PutAsync<WebhookSubscription>($"/api/programs/{ProgramSlug}/firms/{id}/webhook", new { url = Endpoint }, ct);
        if (!result.Ok)
            return await AnsweredAsync(result, _ => Path($"/firms/{id}/webhook"), () => LoadAsync(id, ct), 400, 404);
        NewSecret = result.Value?.Secret;
        return await LoadAsync(id, ct) ?? Page();
    }

    public async Task<IActionResult> OnPostRotateAsync(Guid id, CancellationToken ct)
    {
        var result = await Api.PostAsync<WebhookSubscription>($"/api/programs/{ProgramSlug}/firms/{id}/webhook/rotate", new { overlapHours = 24 }, ct);
        if (!result.Ok)
            return await AnsweredAsync(result, _ => Path($"/firms/{id}/webhook"), () => LoadAsync(id, ct), 400, 404);
        NewSecret = result.Value?.Secret;
        return await LoadAsync(id, ct) ?? Page();
    }

    public async Task<IActionResult> OnPostReplayAsync(Guid id, CancellationToken ct)
    {
        var result = await Api.PostAsync<object>($"/api/programs/{ProgramSlug}/firms/{id}/webhook/deliveries/{Uri.EscapeDataString(DeliveryId ?? "")}/replay", new { }, ct);
        return await AnsweredAsync(result, _ => Path($"/firms/{id}/webhook"), () => LoadAsync(id, ct), 404);
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        FirmId = id;
        var subscription = await Api.GetAsync<WebhookSubscription>($"/api/programs/{ProgramSlug}/firms/{id}/webhook", ct);
        if (!subscription.Ok && (int)subscription.Status != 404)
            return Failed(subscription);
        if (!subscription.Ok && subscription.Problem?.Title?.Contains("webhook", StringComparison.OrdinalIgnoreCase) != true)
            return Failed(subscription);
        Subscription = subscription.Value;
        Endpoint ??= Subscription?.Url;
        if (Subscription is not null)
        {
            var deliveries = await Api.GetAsync<ListPage<WebhookDelivery>>($"/api/programs/{ProgramSlug}/firms/{id}/webhook/deliveries?pageSize=50", ct);
            Deliveries = deliveries.Value ?? Deliveries;
        }
        return null;
    }
}
