namespace MagicHub.Transcription.Audio;

/// <summary>An upload that cannot be transcribed; mapped to a 4xx problem details response.</summary>
public sealed class AudioRejectedException(int statusCode, string title, string detail) : Exception(detail)
{
    public int StatusCode { get; } = statusCode;

    public string Title { get; } = title;

    /// <summary>Stable problem type slug derived from the title, e.g. <c>empty-audio-file</c>.</summary>
    public string Slug => Title.ToLowerInvariant().Replace(' ', '-');

    public static AudioRejectedException Empty() => new(StatusCodes.Status400BadRequest, "Empty audio file", "The uploaded file is empty (0 bytes).");

    public static AudioRejectedException NotAudio(string? claimed) => new(StatusCodes.Status415UnsupportedMediaType, "Not an audio file",
        $"The content does not match any supported audio format (WAV, MP3, M4A/AAC, OGG/Opus, FLAC, WebM, AIFF, AMR){(claimed is null ? "" : $"; it was declared as {claimed}")}.");

    public static AudioRejectedException TooLarge(long size, long limit) => new(StatusCodes.Status413PayloadTooLarge, "Audio file too large",
        $"The file has {size} bytes; the limit is {limit} bytes.");

    public static AudioRejectedException TooLong(double seconds, double limit) => new(StatusCodes.Status413PayloadTooLarge, "Audio too long",
        $"The audio lasts {seconds:0.0} s; the limit is {limit:0} s.");

    public static AudioRejectedException NoSamples() => new(StatusCodes.Status422UnprocessableEntity, "Audio has no samples",
        "The file is a valid container but holds no audio samples (0 seconds).");

    public static AudioRejectedException Corrupt(string detail) => new(StatusCodes.Status422UnprocessableEntity, "Corrupt audio", detail);

    public static AudioRejectedException Truncated(double decoded, double declared) => new(StatusCodes.Status422UnprocessableEntity, "Truncated audio",
        $"The file declares {declared:0.0} s of audio but only {decoded:0.0} s could be decoded: it is truncated.");
}
