using System.Text.Json;
using MagicHub.Media.Contracts;
using MagicHub.Security;
using MagicHub.ServiceDefaults;
using MagicHub.Transcription.Audio;
using MagicHub.Transcription.Engines;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace MagicHub.Transcription.Transcribe;

/// <summary><c>POST /transcribe</c>: multipart <c>file</c> or the seed's JSON <c>{file_bytes: hex, mime_type}</c>.</summary>
public static class TranscribeApi
{
    public static RouteGroupBuilder MapTranscribeApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/transcribe").WithTags("Transcription").RequireAuthorization(PlatformPolicies.Write);
        group.MapPost("/", TranscribeAsync)
            // One Accepts call: routing matches the request's content type against the last accepts metadata.
            .Accepts<TranscribeJsonRequest>("application/json", "multipart/form-data")
            .DisableAntiforgery()
            .WithSummary("Transcribe a call recording into speaker-labelled, time-stamped segments with its domain and category.");
        return group;
    }

    private static async Task<Results<Ok<TranscriptionResponse>, ProblemHttpResult>> TranscribeAsync(
        HttpRequest request, TranscriptionPipeline pipeline, MediaClient media, IOptions<TranscriptionOptions> options, ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        AudioUpload? upload = null;
        try
        {
            upload = await ReadUploadAsync(request, media, options.Value.MaxUploadBytes, cancellationToken);
            if (upload is null)
            {
                return Problem(StatusCodes.Status400BadRequest, "No audio", "Send a multipart form with a 'file' field, JSON {\"file_bytes\": \"<hex>\", \"mime_type\": \"audio/wav\"}, or JSON {\"media_id\": \"<id>\"}.");
            }

            return TypedResults.Ok(await pipeline.TranscribeAsync(upload, cancellationToken));
        }
        catch (AudioRejectedException rejected)
        {
            return Problem(rejected.StatusCode, rejected.Title, rejected.Message, rejected.Slug);
        }
        catch (SpeechProviderException failed)
        {
            loggers.CreateLogger(typeof(TranscribeApi)).LogWarning("Speech provider failed: {Error}", failed.Message);
            return Problem(StatusCodes.Status502BadGateway, "Speech provider failed", failed.Message);
        }
        finally
        {
            if (upload is not null)
            {
                File.Delete(upload.Path);
            }
        }
    }

    private static async Task<AudioUpload?> ReadUploadAsync(HttpRequest request, MediaClient media, long maxBytes, CancellationToken cancellationToken)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken);
            var file = form.Files.GetFile("file") ?? (form.Files.Count > 0 ? form.Files[0] : null);
            if (file is null)
            {
                return null;
            }

            if (file.Length > maxBytes)
            {
                throw AudioRejectedException.TooLarge(file.Length, maxBytes);
            }

            await using var stream = file.OpenReadStream();
            return await UploadSpooler.SpoolAsync(stream, file.ContentType, file.FileName, maxBytes, cancellationToken);
        }

        TranscribeJsonRequest? body;
        try
        {
            body = await request.ReadFromJsonAsync<TranscribeJsonRequest>(cancellationToken);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            throw new AudioRejectedException(StatusCodes.Status400BadRequest, "Invalid request body", "The body is neither a multipart form nor valid JSON: " + ex.Message);
        }

        if (body?.MediaId is { } mediaId)
        {
            // The caller's token names the tenant (media applies it too); the header and body only serve tokens without one.
            var tenant = request.HttpContext.User.FindFirst(PlatformClaims.TenantId)?.Value
                ?? request.Headers[MediaClient.TenantHeader].FirstOrDefault() ?? body.TenantId;
            return await FromMediaAsync(media, mediaId, tenant, maxBytes, cancellationToken);
        }

        if (body?.FileBytes is null)
        {
            return null;
        }

        var bytes = DecodeBytes(body.FileBytes);
        using var memory = new MemoryStream(bytes, writable: false);
        return await UploadSpooler.SpoolAsync(memory, body.MimeType, body.FileName ?? body.MimeType, maxBytes, cancellationToken);
    }

    private static async Task<AudioUpload> FromMediaAsync(MediaClient media, Guid id, string? tenant, long maxBytes, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(tenant))
        {
            throw new AudioRejectedException(StatusCodes.Status400BadRequest, "Tenant required", $"A media reference needs the tenant ({MediaClient.TenantHeader} header or 'tenant_id').");
        }

        MediaItemResponse? item;
        try
        {
            item = await media.GetAsync(id, tenant, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new SpeechProviderException("The media service could not be reached: " + ex.Message, ex);
        }

        if (item is null)
        {
            throw new AudioRejectedException(StatusCodes.Status404NotFound, "Media not found", $"No media item {id} exists for this tenant.");
        }

        if (item.Size > maxBytes)
        {
            throw AudioRejectedException.TooLarge(item.Size, maxBytes);
        }

        await using var stream = await media.OpenReadAsync(id, tenant, cancellationToken);
        return await UploadSpooler.SpoolAsync(stream, item.ContentType, item.FileName, maxBytes, cancellationToken);
    }

    private static byte[] DecodeBytes(string text)
    {
        try
        {
            return Convert.FromHexString(text);
        }
        catch (FormatException)
        {
            try
            {
                return Convert.FromBase64String(text);
            }
            catch (FormatException)
            {
                throw new AudioRejectedException(StatusCodes.Status400BadRequest, "Invalid file bytes", "'file_bytes' must be the audio encoded as hex (or base64).");
            }
        }
    }

    private static ProblemHttpResult Problem(int status, string title, string detail, string? slug = null) =>
        TypedResults.Problem(detail, statusCode: status, title: title, type: ProblemDetailsExtensions.TypeBase + (slug ?? title.ToLowerInvariant().Replace(' ', '-')));
}
