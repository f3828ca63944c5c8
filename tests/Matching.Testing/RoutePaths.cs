using System.Text;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Matching.Testing;

/// <summary>Paths to call for the routes an application maps, for tests that walk every route.</summary>
public static class RoutePaths
{
    /// <summary>
    /// The route's path with each parameter given its value; null (and the part named to <paramref name="unfillable"/>) when
    /// <paramref name="valueOf"/> has none for a parameter, or a part is neither literal, separator nor parameter.
    /// </summary>
    public static string? Fill(RoutePattern pattern, Func<RoutePatternParameterPart, string?> valueOf, Action<string>? unfillable = null)
    {
        var path = new StringBuilder();
        foreach (var segment in pattern.PathSegments)
        {
            path.Append('/');
            foreach (var part in segment.Parts)
            {
                switch (part)
                {
                    case RoutePatternLiteralPart literal:
                        path.Append(literal.Content);
                        break;
                    case RoutePatternSeparatorPart separator:
                        path.Append(separator.Content);
                        break;
                    case RoutePatternParameterPart parameter when valueOf(parameter) is { } value:
                        path.Append(Uri.EscapeDataString(value));
                        break;
                    case RoutePatternParameterPart parameter:
                        unfillable?.Invoke($"{pattern.RawText}: {{{parameter.Name}}}");
                        return null;
                    default:
                        unfillable?.Invoke($"{pattern.RawText}: {part.GetType().Name}");
                        return null;
                }
            }
        }
        return path.Length == 0 ? "/" : path.ToString();
    }
}
