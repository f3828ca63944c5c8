using FluentValidation;

namespace Matching.Platform.Http;

/// <summary>One page of a list, as every list endpoint answers it.</summary>
public sealed record ListPage<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

/// <summary>The rules of <c>page</c> and <c>pageSize</c> query parameters, once for every list endpoint.</summary>
public static class Paging
{
    public static readonly LocalizedText PageInvalid = new("ページは 1 以上の整数で指定してください。", "page is a whole number from 1.");
    public static readonly LocalizedText PageSizeInvalid = new("1 ページの件数は 1〜{0} で指定してください。", "pageSize is a whole number from 1 to {0}.");

    /// <summary>Rows to skip for a 1-based page number: a long, so a page far beyond the rows is empty instead of overflowing to page 1.</summary>
    public static long Offset(int page, int pageSize) => (page - 1L) * pageSize;

    public static IRuleBuilderOptions<T, int> ValidPage<T>(this IRuleBuilder<T, int> rule) =>
        rule.GreaterThanOrEqualTo(1).Message(PageInvalid);

    public static IRuleBuilderOptions<T, int> ValidPageSize<T>(this IRuleBuilder<T, int> rule, int max) =>
        rule.InclusiveBetween(1, max).Message(PageSizeInvalid.Format(max));
}
