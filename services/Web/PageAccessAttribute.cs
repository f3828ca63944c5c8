using Matching.Platform.Auth;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace Matching.Web;

/// <summary>
/// Who may open a page, declared on its model: the roles in the page's program, or any signed-in user when none
/// are named. Pages without it are public (sign-in). The page enforces it (see <c>UserPage</c>); the rule also
/// becomes the endpoint's <see cref="Access"/> metadata, so the authorization matrix test checks it.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class PageAccessAttribute(params ProgramRole[] roles) : Attribute
{
    public IReadOnlyList<ProgramRole> Roles { get; } = roles;

    /// <summary>Only operators (システム管理者) may open the page.</summary>
    public bool Operators { get; init; }

    public Access Access => (Operators ? Access.Admin : Roles.Count == 0 ? Access.SignedIn : Access.Program([.. Roles])).ByPage();
}

/// <summary>Puts each page's declared rule (or <see cref="Access.Public"/>) on its endpoint.</summary>
internal sealed class PageAccessConvention : IPageApplicationModelConvention
{
    public void Apply(PageApplicationModel model)
    {
        var declared = model.HandlerType.GetCustomAttributes(typeof(PageAccessAttribute), false).OfType<PageAccessAttribute>().FirstOrDefault();
        model.EndpointMetadata.Add(declared?.Access ?? Access.Public);
    }
}
