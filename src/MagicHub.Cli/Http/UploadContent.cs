namespace MagicHub.Cli.Http;

/// <summary>Multipart bodies whose <c>file</c> parts stream from disk.</summary>
public static class UploadContent
{
    private static readonly Dictionary<string, string> MediaTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".wav"] = "audio/wav",
        [".mp3"] = "audio/mpeg",
        [".m4a"] = "audio/mp4",
        [".mp4"] = "audio/mp4",
        [".ogg"] = "audio/ogg",
        [".oga"] = "audio/ogg",
        [".opus"] = "audio/ogg",
        [".flac"] = "audio/flac",
        [".webm"] = "audio/webm",
        [".aac"] = "audio/aac",
    };

    /// <summary>A multipart/form-data body with one part named <c>file</c> per path, each read from disk as it is sent.</summary>
    public static MultipartFormDataContent Files(IEnumerable<string> paths)
    {
        var content = new MultipartFormDataContent();
        foreach (var path in paths)
        {
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
            var part = new StreamContent(stream, 81920);
            part.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(MediaType(path));
            content.Add(part, "file", Path.GetFileName(path));
        }
        return content;
    }

    /// <summary>The media type sent for a file, from its extension (the server checks the content itself).</summary>
    public static string MediaType(string path) => MediaTypes.GetValueOrDefault(Path.GetExtension(path), "application/octet-stream");
}
