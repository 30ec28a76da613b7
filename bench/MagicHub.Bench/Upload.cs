using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace MagicHub.Bench;

/// <summary>Request bodies carrying a sample call.</summary>
internal static class Upload
{
    /// <summary>Multipart form with the file in field <c>file</c>.</summary>
    public static async Task<HttpContent> MultipartAsync(string path, CancellationToken ct)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(await File.ReadAllBytesAsync(path, ct));
        file.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
        form.Add(file, "file", Path.GetFileName(path));
        return form;
    }

    /// <summary>
    /// The seed's JSON form <c>{file_bytes: hex, mime_type, file_name}</c>; used for the transcription service, whose
    /// endpoint currently answers 415 to multipart (its second <c>Accepts</c> replaces the first).
    /// </summary>
    public static async Task<HttpContent> JsonAsync(string path, CancellationToken ct) =>
        JsonContent.Create(new Dictionary<string, string>
        {
            ["file_bytes"] = Convert.ToHexString(await File.ReadAllBytesAsync(path, ct)),
            ["mime_type"] = "audio/wav",
            ["file_name"] = Path.GetFileName(path),
        });
}
