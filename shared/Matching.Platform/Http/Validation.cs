using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Matching.Platform.Http;

/// <summary>
/// Runs the rules every request obeys (<see cref="RequestText"/>), then the request's validator, before its handler;
/// an invalid request never reaches the handler.
/// </summary>
public static class Validation
{
    /// <summary>For a request with no rules of its own: only the ones every request obeys.</summary>
    public static RouteHandlerBuilder Validate<TRequest>(this RouteHandlerBuilder builder) =>
        builder.Validate(new InlineValidator<TRequest>());

    public static RouteHandlerBuilder Validate<TRequest>(this RouteHandlerBuilder builder, IValidator<TRequest> validator) =>
        builder
            .AddEndpointFilter(async (context, next) =>
            {
                var request = context.Arguments.OfType<TRequest>().FirstOrDefault();
                if (request is null)
                    return Problems.Invalid("body", PlatformTexts.MissingBody);
                // Before the validator: its rules may assume list items are there.
                if (RequestText.Errors(request) is { Count: > 0 } errors)
                    return Problems.Invalid(errors);
                var result = await validator.ValidateAsync(request, context.HttpContext.RequestAborted);
                if (!result.IsValid)
                    return Problems.Invalid(result.ToDictionary());
                return await next(context);
            })
            .ProducesValidationProblem();

    /// <summary>Uses a localized label as the property's display name in built-in messages.</summary>
    public static IRuleBuilderOptions<T, TProperty> Label<T, TProperty>(this IRuleBuilderOptions<T, TProperty> rule, LocalizedText label) =>
        rule.WithName(_ => label.ToString());

    public static IRuleBuilderOptions<T, TProperty> Message<T, TProperty>(this IRuleBuilderOptions<T, TProperty> rule, LocalizedText message) =>
        rule.WithMessage(_ => message.ToString());

    internal static void ConfigureGlobally()
    {
        // Field keys in problem details use the JSON (camelCase) names clients send.
        ValidatorOptions.Global.PropertyNameResolver = (_, member, expression) =>
            member is null ? null : JsonNamingPolicyName(member.Name);
        // Built-in messages follow the request's UI culture (FluentValidation ships Japanese).
        ValidatorOptions.Global.LanguageManager.Culture = null;
        // A missing value reads as an instruction ("企業名を入力してください。"), as Japanese forms say it.
        if (ValidatorOptions.Global.LanguageManager is FluentValidation.Resources.LanguageManager languages)
        {
            foreach (var key in new[] { "NotEmptyValidator", "NotNullValidator" })
            {
                languages.AddTranslation("ja", key, "{PropertyName}を入力してください。");
                languages.AddTranslation("en", key, "{PropertyName} is required.");
            }
        }
        // One message per field problem: a missing date is "required", not also "out of range".
        ValidatorOptions.Global.DefaultRuleLevelCascadeMode = CascadeMode.Stop;
    }

    private static string JsonNamingPolicyName(string name) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(name);
}
