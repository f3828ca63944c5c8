using System.Net;
using System.Text.Json;

namespace Matching.Testing;

/// <summary>Reads an RFC 9457 problem details answer.</summary>
public sealed record Problem(int Status, string Title, IReadOnlyDictionary<string, string[]> Errors, string ContentType)
{
    public static async Task<Problem> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        var contentType = response.Content.Headers.ContentType?.MediaType ?? "";
        Assert.Equal("application/problem+json", contentType);
        var json = JsonDocument.Parse(body).RootElement;
        var errors = new Dictionary<string, string[]>();
        if (json.TryGetProperty("errors", out var e))
        {
            foreach (var field in e.EnumerateObject())
                errors[field.Name] = field.Value.EnumerateArray().Select(m => m.GetString()!).ToArray();
        }
        return new Problem(json.GetProperty("status").GetInt32(), json.GetProperty("title").GetString()!, errors, contentType);
    }
}
