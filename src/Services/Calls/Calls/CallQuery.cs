using System.ComponentModel.DataAnnotations;
using System.Data.Common;
using System.Globalization;
using System.Text;
using MagicHub.Persistence;
using Microsoft.AspNetCore.Mvc;

namespace MagicHub.Calls.Calls;

/// <summary>Filters and paging of <c>GET /calls</c> and <c>GET /export</c>.</summary>
public sealed class CallQuery : IValidatableObject
{
    /// <summary>Only calls of this domain.</summary>
    [FromQuery(Name = "domain")]
    public string? Domain { get; init; }

    /// <summary>Only calls of this category.</summary>
    [FromQuery(Name = "category")]
    public string? Category { get; init; }

    /// <summary>Only calls with this overall sentiment (positive, neutral, negative).</summary>
    [FromQuery(Name = "sentiment")]
    public string? Sentiment { get; init; }

    /// <summary>Only calls created at or after this instant (ISO 8601).</summary>
    [FromQuery(Name = "from")]
    public DateTime? From { get; init; }

    /// <summary>Only calls created before this instant (ISO 8601).</summary>
    [FromQuery(Name = "to")]
    public DateTime? To { get; init; }

    /// <summary>Words that must appear in the transcript or file name (case-insensitive).</summary>
    [FromQuery(Name = "q"), StringLength(200)]
    public string? Text { get; init; }

    /// <summary>Page number, from 1.</summary>
    [FromQuery(Name = "page"), Range(1, 1_000_000)]
    public int? Page { get; init; }

    /// <summary>Calls per page, 1 to 200.</summary>
    [FromQuery(Name = "page_size"), Range(1, 200)]
    public int? PageSize { get; init; }

    /// <summary>The page to return (default 1).</summary>
    public int PageNumber => Page ?? 1;

    /// <summary>The page size to use (default 20).</summary>
    public int Size => PageSize ?? 20;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (From is { } from && To is { } to && from > to)
        {
            yield return new ValidationResult("'from' must not be after 'to'.", [nameof(From), nameof(To)]);
        }
    }

    /// <summary>
    /// The filters (not the paging) as a condition on calls aliased <c>c</c>, the caller's tenant (<c>@tenant</c>) first;
    /// <see cref="AddParameters"/> adds their values.
    /// </summary>
    public string Where()
    {
        var where = new StringBuilder("c.\"TenantId\" = @tenant");
        if (!string.IsNullOrWhiteSpace(Domain))
        {
            where.Append(" AND c.\"Domain\" = @domain");
        }
        if (!string.IsNullOrWhiteSpace(Category))
        {
            where.Append(" AND c.\"Category\" = @category");
        }
        if (!string.IsNullOrWhiteSpace(Sentiment))
        {
            where.Append(" AND c.\"Sentiment\" = @sentiment");
        }
        if (From is not null)
        {
            where.Append(" AND c.\"CreatedAt\" >= @from");
        }
        if (To is not null)
        {
            where.Append(" AND c.\"CreatedAt\" < @to");
        }
        var words = Words();
        for (var i = 0; i < words.Length; i++)
        {
            // Case-insensitive on both engines (lower() on both sides), as EF Core translated ToLower().Contains().
            where.Append(CultureInfo.InvariantCulture,
                $" AND (lower(c.\"Transcription\") LIKE @q{i} ESCAPE '\\' OR lower(c.\"FileName\") LIKE @q{i} ESCAPE '\\')");
        }
        return where.ToString();
    }

    /// <summary>Adds the values of <see cref="Where"/> but the tenant's.</summary>
    public DbCommand AddParameters(DbCommand command)
    {
        command.WithParameter("domain", Domain?.Trim().ToLowerInvariant())
            .WithParameter("category", Category?.Trim().ToLowerInvariant())
            .WithParameter("sentiment", Sentiment?.Trim().ToLowerInvariant())
            .WithParameter("from", From?.ToUniversalTime())
            .WithParameter("to", To?.ToUniversalTime());
        var words = Words();
        for (var i = 0; i < words.Length; i++)
        {
            command.WithParameter($"q{i}", "%" + EscapeLike(words[i].ToLowerInvariant()) + "%");
        }
        return command;
    }

    private string[] Words() => (Text ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string EscapeLike(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
