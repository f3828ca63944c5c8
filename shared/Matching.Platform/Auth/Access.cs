using Microsoft.AspNetCore.Builder;

namespace Matching.Platform.Auth;

/// <summary>
/// Who may call an endpoint, declared next to it (<c>.Allow(Access.…)</c>). An endpoint without a rule answers
/// 403 to everyone, so a forgotten rule fails closed and the authorization matrix test names it.
/// </summary>
public sealed record Access
{
    private Access(string name) => Name = name;

    public string Name { get; }

    /// <summary>No sign-in needed (health, sign-in itself, OpenAPI documents).</summary>
    public bool IsPublic { get; private init; }

    /// <summary>Operators only.</summary>
    public bool AdminOnly { get; private init; }

    /// <summary>The <c>{program}</c> of the route must be one of the user's programs, with one of these roles.</summary>
    public IReadOnlySet<ProgramRole>? ProgramRoles { get; private init; }

    /// <summary>Operators pass a program rule without being members of the program.</summary>
    public bool AdminToo { get; private init; }

    public static readonly Access Public = new("public") { IsPublic = true };

    /// <summary>Any signed-in user; the handler narrows what it returns to the user's own programs.</summary>
    public static readonly Access SignedIn = new("signed-in");

    public static readonly Access Admin = new("admin") { AdminOnly = true };

    public static Access Program(params ProgramRole[] roles) =>
        new($"program:{string.Join('|', roles)}") { ProgramRoles = roles.ToHashSet() };

    /// <summary>Members of the program in any role.</summary>
    public static Access AnyMember() => Program(Enum.GetValues<ProgramRole>());

    /// <summary>The same program rule, and operators as well.</summary>
    public Access OrAdmin() => this with { AdminToo = true };

    /// <summary>
    /// A web page's rule: the page enforces it itself, because a browser needs a redirect to sign-in or a page that
    /// says why, not a problem document. The authorization matrix holds pages to it all the same.
    /// </summary>
    public bool CheckedByPage { get; private init; }

    public Access ByPage() => this with { CheckedByPage = true };

    public override string ToString() => Name + (AdminToo ? "|admin" : "") + (CheckedByPage ? "|page" : "");
}

public static class AccessConventions
{
    /// <summary>Declares who may call the endpoint (or every endpoint of the group).</summary>
    public static TBuilder Allow<TBuilder>(this TBuilder builder, Access access) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(access);
}
