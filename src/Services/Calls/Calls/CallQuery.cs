using System.ComponentModel.DataAnnotations;
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

    /// <summary>Applies the filters (not the paging) to <paramref name="calls"/>.</summary>
    public IQueryable<CallRecord> Apply(IQueryable<CallRecord> calls)
    {
        if (!string.IsNullOrWhiteSpace(Domain))
        {
            var domain = Domain.Trim().ToLowerInvariant();
            calls = calls.Where(c => c.Domain == domain);
        }
        if (!string.IsNullOrWhiteSpace(Category))
        {
            var category = Category.Trim().ToLowerInvariant();
            calls = calls.Where(c => c.Category == category);
        }
        if (!string.IsNullOrWhiteSpace(Sentiment))
        {
            var sentiment = Sentiment.Trim().ToLowerInvariant();
            calls = calls.Where(c => c.Sentiment == sentiment);
        }
        if (From is { } fromUtc)
        {
            var value = fromUtc.ToUniversalTime();
            calls = calls.Where(c => c.CreatedAt >= value);
        }
        if (To is { } toUtc)
        {
            var value = toUtc.ToUniversalTime();
            calls = calls.Where(c => c.CreatedAt < value);
        }
        foreach (var word in (Text ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var lowered = word.ToLowerInvariant();
            // Translated to SQL lower(...) LIKE on both SQLite and PostgreSQL; the StringComparison overload is not translatable.
#pragma warning disable CA1862
            calls = calls.Where(c => c.Transcription.ToLower().Contains(lowered) || c.FileName.ToLower().Contains(lowered));
#pragma warning restore CA1862
        }
        return calls;
    }
}
