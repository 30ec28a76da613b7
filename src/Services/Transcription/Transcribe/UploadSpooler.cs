using MagicHub.Transcription.Audio;

namespace MagicHub.Transcription.Transcribe;

/// <summary>Streams an upload to a temporary file (checking size and sniffing the format on the way); the caller deletes it.</summary>
public static class UploadSpooler
{
    public static async Task<AudioUpload> SpoolAsync(Stream content, string? declaredType, string? fileName, long maxBytes, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), "magichub-upload-" + Guid.NewGuid().ToString("N"));
        try
        {
            long length = 0;
            var head = new byte[16];
            var headLength = 0;
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    var take = Math.Min(read, head.Length - headLength);
                    buffer.AsSpan(0, take).CopyTo(head.AsSpan(headLength));
                    headLength += take;
                    length += read;
                    if (length > maxBytes)
                    {
                        throw AudioRejectedException.TooLarge(length, maxBytes);
                    }

                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
            }

            if (length == 0)
            {
                throw AudioRejectedException.Empty();
            }

            var claimed = AudioFormats.Normalize(declaredType is null or "application/octet-stream" ? fileName : declaredType) ?? AudioFormats.Normalize(fileName);
            // Content sniffing wins over the declared type and the extension.
            var sniffed = AudioFormats.Sniff(head.AsSpan(0, headLength)) ?? throw AudioRejectedException.NotAudio(claimed);
            return new AudioUpload(path, length, claimed, sniffed, fileName);
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }
}
