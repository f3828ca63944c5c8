using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;

namespace Matching.Platform.Http;

/// <summary>A text property that may hold line breaks and tabs (notes, descriptions); every other text is one line.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class MultiLineAttribute : Attribute;

/// <summary>
/// The rules every request obeys whatever its validator says, checked once by the shared validation filter: no text
/// holds control characters or bidirectional overrides (they hide or reorder what a reader sees on a page, in a CSV
/// cell, in the audit log), and no list holds a null item unless its element type says it may.
/// </summary>
public static class RequestText
{
    private sealed record Member(PropertyInfo Property, string Name, bool MultiLine, bool ItemsMayBeNull);

    private static readonly ConcurrentDictionary<Type, Member[]> Members = new();

    /// <summary>True when the text holds nothing a request may not send (tab and line breaks only where multi-line).</summary>
    public static bool IsClean(string text, bool multiLine = false)
    {
        foreach (var c in text)
        {
            if (multiLine && c is '\t' or '\n' or '\r')
                continue;
            // C0 and C1 controls (U+0000–U+001F, U+007F–U+009F); LRE…RLO (U+202A–U+202E); LRI…PDI (U+2066–U+2069).
            if (char.IsControl(c) || c is >= '\u202A' and <= '\u202E' || c is >= '\u2066' and <= '\u2069')
                return false;
        }
        return true;
    }

    /// <summary>The field errors of the request (field → messages in the request's language); empty when it passes.</summary>
    public static Dictionary<string, string[]> Errors(object request)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        Walk(request, "", errors, depth: 0);
        return errors;
    }

    private static void Walk(object value, string path, Dictionary<string, string[]> errors, int depth)
    {
        if (depth > 8)
            return;
        foreach (var member in Members.GetOrAdd(value.GetType(), MembersOf))
        {
            var field = path.Length == 0 ? member.Name : $"{path}.{member.Name}";
            switch (member.Property.GetValue(value))
            {
                case null:
                    break;
                case string text:
                    if (!IsClean(text, member.MultiLine))
                        errors[field] = [PlatformTexts.ForbiddenCharacters.ToString()];
                    break;
                case IEnumerable items:
                    var index = 0;
                    foreach (var item in items)
                    {
                        var itemField = $"{field}[{index++}]";
                        if (item is null && !member.ItemsMayBeNull)
                            errors[itemField] = [PlatformTexts.NullItem.ToString()];
                        else if (item is string itemText && !IsClean(itemText))
                            errors[itemField] = [PlatformTexts.ForbiddenCharacters.ToString()];
                        else if (item is not null && IsRequestType(item.GetType()))
                            Walk(item, itemField, errors, depth + 1);
                    }
                    break;
                case var nested when IsRequestType(nested.GetType()):
                    Walk(nested, field, errors, depth + 1);
                    break;
            }
        }
    }

    // Records of the product's own requests (KPI targets, memberships, filters); not framework or value types.
    private static bool IsRequestType(Type type) =>
        type is { IsClass: true } && type != typeof(string) && type.Namespace?.StartsWith("Matching.", StringComparison.Ordinal) == true;

    private static Member[] MembersOf(Type type)
    {
        var nullability = new NullabilityInfoContext();
        var constructorParameters = type.GetConstructors().SelectMany(c => c.GetParameters()).ToList();
        return
        [
            .. type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.CanRead && p.GetIndexParameters().Length == 0 && IsData(p.PropertyType))
                .Select(p => new Member(
                    p,
                    System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(p.Name),
                    p.GetCustomAttribute<MultiLineAttribute>() is not null
                        || constructorParameters.Any(c => c.Name == p.Name && c.GetCustomAttribute<MultiLineAttribute>() is not null),
                    ItemsMayBeNull(nullability.Create(p)))),
        ];
    }

    private static bool IsData(Type type) =>
        type == typeof(string) || typeof(IEnumerable).IsAssignableFrom(type) || IsRequestType(type);

    private static bool ItemsMayBeNull(NullabilityInfo info)
    {
        var element = info.ElementType ?? (info.GenericTypeArguments.Length == 1 ? info.GenericTypeArguments[0] : null);
        return element is null || element.ReadState != NullabilityState.NotNull || Nullable.GetUnderlyingType(element.Type) is not null;
    }
}
