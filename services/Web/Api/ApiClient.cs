using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Matching.Platform.Auth;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace Matching.Web.Api;

/// <summary>A problem answered by the API: its title and the messages per field.</summary>
/// <param name="Body">The whole problem document, for the extensions of one kind of answer (a registration's possible duplicates).</param>
public sealed record ApiProblem(string? Title, IReadOnlyDictionary<string, string[]> Errors, JsonElement? Body = null)
{
    public string? For(string field) => Errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;
}

public sealed record ApiResult<T>(HttpStatusCode Status, T? Value, ApiProblem? Problem)
{
    public bool Ok => (int)Status is >= 200 and < 300;
}

/// <summary>
/// The web UI reaches the services only through their HTTP API, as the signed-in user: the browser's session
/// cookie and language go along with each call. The API address is <c>Matching:Web:ApiAddress</c> (the gateway in
/// the distributed shape), or this process itself in the embedded default.
/// </summary>
public sealed class ApiClient(HttpClient http, IHttpContextAccessor accessor, IConfiguration configuration, IServer server)
{
    private static readonly JsonSerializerOptions Json = Matching.Platform.Http.MatchingJson.Options;

    public Task<ApiResult<T>> GetAsync<T>(string path, CancellationToken ct) => SendAsync<T>(HttpMethod.Get, path, null, ct);

    public Task<ApiResult<T>> PostAsync<T>(string path, object body, CancellationToken ct) => SendAsync<T>(HttpMethod.Post, path, body, ct);

    public Task<ApiResult<T>> PutAsync<T>(string path, object body, CancellationToken ct) => SendAsync<T>(HttpMethod.Put, path, body, ct);

    /// <summary>Sends and copies any cookie the API sets (sign-in, sign-out) onto the browser's response.</summary>
    public async Task<ApiResult<T>> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, new Uri(BaseAddress(), path));
        var context = accessor.HttpContext!;
        if (context.Request.Cookies[Credentials.SessionCookie] is { Length: > 0 } session)
            request.Headers.TryAddWithoutValidation("Cookie", $"{Credentials.SessionCookie}={session}");
        request.Headers.AcceptLanguage.ParseAdd(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);
        if (body is not null)
            request.Content = body as HttpContent ?? JsonContent.Create(body, options: Json);
        using var response = await http.SendAsync(request, ct);
        if (response.Headers.TryGetValues("Set-Cookie", out var cookies))
        {
            foreach (var cookie in cookies)
                context.Response.Headers.Append("Set-Cookie", Secured(cookie, context.Request));
        }
        if (response.IsSuccessStatusCode)
        {
            var value = response.StatusCode == HttpStatusCode.NoContent || response.Content.Headers.ContentLength == 0
                ? default
                : await response.Content.ReadFromJsonAsync<T>(Json, ct);
            return new ApiResult<T>(response.StatusCode, value, null);
        }
        return new ApiResult<T>(response.StatusCode, default, await ReadProblemAsync(response, ct));
    }

    /// <summary>
    /// The API is called over plain HTTP inside the host or the cluster; a browser that came over https (directly or
    /// through a known proxy) gets the session cookie marked Secure all the same.
    /// </summary>
    private static string Secured(string setCookie, HttpRequest browserRequest) =>
        browserRequest.IsHttps && !setCookie.Split(';').Any(a => a.Trim().Equals("secure", StringComparison.OrdinalIgnoreCase))
            ? setCookie + "; secure"
            : setCookie;

    private static async Task<ApiProblem> ReadProblemAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Json, ct);
            var errors = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
            if (problem.TryGetProperty("errors", out var e) && e.ValueKind == JsonValueKind.Object)
            {
                foreach (var field in e.EnumerateObject())
                    errors[field.Name] = [.. field.Value.EnumerateArray().Select(m => m.GetString() ?? "")];
            }
            return new ApiProblem(problem.TryGetProperty("title", out var t) ? t.GetString() : null, errors, problem);
        }
        catch (JsonException)
        {
            return new ApiProblem(response.ReasonPhrase, new Dictionary<string, string[]>());
        }
    }

    private Uri BaseAddress()
    {
        if (configuration["Matching:Web:ApiAddress"] is { Length: > 0 } configured)
            return new Uri(configured);
        // Embedded: this very process serves the API; call it on loopback.
        return Matching.Platform.Hosting.ServerAddress.Loopback(server)
               ?? throw new InvalidOperationException("Set Matching:Web:ApiAddress: this process has no address of its own to call.");
    }
}
