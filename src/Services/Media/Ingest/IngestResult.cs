using MagicHub.Media.Contracts;
using MagicHub.Media.Media;

namespace MagicHub.Media.Ingest;

/// <summary>What the caller knows about an upload before its bytes arrive.</summary>
public sealed record IngestRequest(string? FileName, MediaKind? Use, long? DeclaredLength, string? Owner = null);

/// <summary>Why an upload was refused; becomes a problem details response.</summary>
public sealed record IngestError(int Status, string Title, string Detail);

/// <summary>The stored item (new or the existing identical one), or the reason for refusing it.</summary>
public sealed record IngestResult(MediaItem? Item, bool Deduplicated, IngestError? Error)
{
    public static IngestResult Stored(MediaItem item, bool deduplicated) => new(item, deduplicated, null);

    public static IngestResult Refused(int status, string title, string detail) => new(null, false, new IngestError(status, title, detail));

    /// <summary>The HTTP answer: 201 for new content, 200 for a duplicate, problem details otherwise.</summary>
    public IResult ToHttpResult()
    {
        if (Error is { } error)
        {
            return TypedResults.Problem(error.Detail, statusCode: error.Status, title: error.Title);
        }
        var body = Item!.ToResponse(Deduplicated);
        return Deduplicated ? TypedResults.Ok(body) : TypedResults.Created($"/media/{Item.Id}", body);
    }
}
