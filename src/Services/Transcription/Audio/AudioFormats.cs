namespace MagicHub.Transcription.Audio;

/// <summary>MIME normalization of client-declared types and extensions, and content sniffing by magic bytes.</summary>
public static class AudioFormats
{
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["mp3"] = "audio/mpeg", ["mpeg"] = "audio/mpeg", ["audio/mp3"] = "audio/mpeg", ["audio/mpeg3"] = "audio/mpeg", ["audio/x-mp3"] = "audio/mpeg",
        ["wav"] = "audio/wav", ["wave"] = "audio/wav", ["audio/x-wav"] = "audio/wav", ["audio/wave"] = "audio/wav", ["audio/vnd.wave"] = "audio/wav",
        ["m4a"] = "audio/mp4", ["mp4"] = "audio/mp4", ["audio/x-m4a"] = "audio/mp4", ["audio/m4a"] = "audio/mp4",
        ["aac"] = "audio/aac", ["audio/x-aac"] = "audio/aac",
        ["ogg"] = "audio/ogg", ["oga"] = "audio/ogg", ["opus"] = "audio/ogg", ["audio/opus"] = "audio/ogg",
        ["flac"] = "audio/flac", ["audio/x-flac"] = "audio/flac",
        ["webm"] = "audio/webm", ["video/webm"] = "audio/webm",
        ["aiff"] = "audio/aiff", ["aif"] = "audio/aiff", ["audio/x-aiff"] = "audio/aiff",
        ["amr"] = "audio/amr",
    };

    /// <summary>Normalizes a MIME type, a file extension (with or without dot) or a file name to a canonical audio MIME type.</summary>
    public static string? Normalize(string? typeOrExtension)
    {
        if (string.IsNullOrWhiteSpace(typeOrExtension))
        {
            return null;
        }

        var value = typeOrExtension.Split(';')[0].Trim();
        if (!value.Contains('/', StringComparison.Ordinal))
        {
            var dot = value.LastIndexOf('.');
            value = dot >= 0 ? value[(dot + 1)..] : value;
        }

        return Aliases.TryGetValue(value, out var canonical) ? canonical : value.Contains('/', StringComparison.Ordinal) ? value.ToLowerInvariant() : null;
    }

    /// <summary>Identifies the container from its first bytes (at least 12 are needed); null when it is not a known audio format.</summary>
    public static string? Sniff(ReadOnlySpan<byte> head)
    {
        if (head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WAVE"u8))
        {
            return "audio/wav";
        }

        if (head.Length >= 12 && head[..4].SequenceEqual("FORM"u8) && (head[8..12].SequenceEqual("AIFF"u8) || head[8..12].SequenceEqual("AIFC"u8)))
        {
            return "audio/aiff";
        }

        if (head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8))
        {
            return "audio/mp4";
        }

        if (head.StartsWith("OggS"u8))
        {
            return "audio/ogg";
        }

        if (head.StartsWith("fLaC"u8))
        {
            return "audio/flac";
        }

        if (head.StartsWith("#!AMR"u8))
        {
            return "audio/amr";
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x1A, 0x45, 0xDF, 0xA3]))
        {
            return "audio/webm";
        }

        if (head.StartsWith("ID3"u8))
        {
            return "audio/mpeg";
        }

        if (head.Length >= 2 && head[0] == 0xFF && (head[1] & 0xE0) == 0xE0)
        {
            // 12-bit sync: layer bits 00 mark ADTS AAC, anything else MPEG audio (MP3).
            return (head[1] & 0x06) == 0 ? "audio/aac" : "audio/mpeg";
        }

        return null;
    }
}
