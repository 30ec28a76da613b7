using System.Text;
using System.Text.Unicode;
using MagicHub.Media.Contracts;

namespace MagicHub.Media.Sniffing;

/// <summary>
/// Identifies content by its magic bytes, never by the declared type or extension.
/// Needs the first <see cref="HeaderSize"/> bytes (fewer for short files).
/// </summary>
public static class ContentSniffer
{
    /// <summary>How many leading bytes the sniffer looks at.</summary>
    public const int HeaderSize = 64 * 1024;

    private static ReadOnlySpan<byte> Ebml => [0x1A, 0x45, 0xDF, 0xA3];
    private static ReadOnlySpan<byte> Png => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static ReadOnlySpan<byte> Jpeg => [0xFF, 0xD8, 0xFF];
    private static ReadOnlySpan<byte> Cfb => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>The type of content starting with <paramref name="head"/>, or null when unknown.</summary>
    public static DetectedType? Detect(ReadOnlySpan<byte> head)
    {
        if (head.Length >= 12 && head.StartsWith("RIFF"u8))
        {
            var form = head.Slice(8, 4);
            if (form.SequenceEqual("WAVE"u8)) return new("audio/wav", MediaKind.Audio, "WAV audio");
            if (form.SequenceEqual("WEBP"u8)) return new("image/webp", MediaKind.Image, "WebP image");
            if (form.SequenceEqual("AVI "u8)) return new("video/x-msvideo", MediaKind.Audio, "AVI video", Accepted: false);
        }
        if (head.StartsWith("ID3"u8)) return new("audio/mpeg", MediaKind.Audio, "MP3 audio (ID3)");
        if (head.StartsWith("OggS"u8)) return new("audio/ogg", MediaKind.Audio, "Ogg audio");
        if (head.StartsWith("fLaC"u8)) return new("audio/flac", MediaKind.Audio, "FLAC audio");
        if (head.StartsWith("#!AMR"u8)) return new("audio/amr", MediaKind.Audio, "AMR audio");
        if (head.Length >= 12 && head.Slice(4, 4).SequenceEqual("ftyp"u8)) return IsoMedia(head.Slice(8, 4));
        if (head.StartsWith(Ebml)) return EbmlType(head);
        if (head.StartsWith(Png)) return new("image/png", MediaKind.Image, "PNG image");
        if (head.StartsWith(Jpeg)) return new("image/jpeg", MediaKind.Image, "JPEG image");
        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8)) return new("image/gif", MediaKind.Image, "GIF image");
        if (head.StartsWith("II*\0"u8) || head.StartsWith("MM\0*"u8)) return new("image/tiff", MediaKind.Image, "TIFF image");
        if (head.Length >= 14 && head.StartsWith("BM"u8) && head[6] == 0 && head[7] == 0 && head[8] == 0 && head[9] == 0) return new("image/bmp", MediaKind.Image, "BMP image");
        if (head.StartsWith("%PDF-"u8)) return new("application/pdf", MediaKind.Document, "PDF document");
        if (head.StartsWith("PK\x03\x04"u8)) return Zip(head);
        if (head.StartsWith(Cfb)) return new("application/x-cfb", MediaKind.Document, "legacy Office (OLE) file", Accepted: false);
        if (head.StartsWith(@"{\rtf"u8)) return new("application/rtf", MediaKind.Document, "RTF document");
        if (IsMpegAudioFrame(head)) return new("audio/mpeg", MediaKind.Audio, "MP3 audio");
        if (head.Length >= 2 && head[0] == 0xFF && (head[1] & 0xF6) == 0xF0) return new("audio/aac", MediaKind.Audio, "AAC audio (ADTS)");
        return Text(head);
    }

    private static DetectedType IsoMedia(ReadOnlySpan<byte> brand)
    {
        var name = Encoding.ASCII.GetString(brand);
        return name switch
        {
            "M4A " or "M4B " or "M4P " or "F4A " => new("audio/mp4", MediaKind.Audio, "M4A audio"),
            "heic" or "heix" or "mif1" or "msf1" => new("image/heic", MediaKind.Image, "HEIC image"),
            "avif" or "avis" => new("image/avif", MediaKind.Image, "AVIF image"),
            "qt  " => new("video/quicktime", MediaKind.Audio, "QuickTime video"),
            _ when name.StartsWith("3g", StringComparison.Ordinal) => new("video/3gpp", MediaKind.Audio, "3GPP media"),
            _ => new("video/mp4", MediaKind.Audio, "MP4 media"),
        };
    }

    private static DetectedType EbmlType(ReadOnlySpan<byte> head) =>
        head[..Math.Min(head.Length, 64)].IndexOf("webm"u8) >= 0
            ? new("video/webm", MediaKind.Audio, "WebM media")
            : new("video/x-matroska", MediaKind.Audio, "Matroska media");

    private static bool IsMpegAudioFrame(ReadOnlySpan<byte> head)
    {
        // Frame sync (11 bits), a valid version, layer I-III, bitrate index not 1111, sample rate index not 11.
        if (head.Length < 4 || head[0] != 0xFF || (head[1] & 0xE0) != 0xE0) return false;
        var version = (head[1] >> 3) & 0x3;
        var layer = (head[1] >> 1) & 0x3;
        var bitrate = head[2] >> 4;
        var rate = (head[2] >> 2) & 0x3;
        return version != 1 && layer != 0 && bitrate != 0xF && rate != 0x3;
    }

    /// <summary>Office Open XML and OpenDocument are zip files; the entry names in the local headers tell which.</summary>
    private static DetectedType Zip(ReadOnlySpan<byte> head)
    {
        var offset = 0;
        for (var entries = 0; entries < 64 && offset + 30 <= head.Length && head.Slice(offset, 4).SequenceEqual("PK\x03\x04"u8); entries++)
        {
            var flags = BitConverter.ToUInt16(head.Slice(offset + 6, 2));
            var compressed = BitConverter.ToUInt32(head.Slice(offset + 18, 4));
            var nameLength = BitConverter.ToUInt16(head.Slice(offset + 26, 2));
            var extraLength = BitConverter.ToUInt16(head.Slice(offset + 28, 2));
            if (offset + 30 + nameLength > head.Length) break;
            var name = Encoding.UTF8.GetString(head.Slice(offset + 30, nameLength));
            var dataStart = offset + 30 + nameLength + extraLength;
            if (name == "mimetype" && compressed > 0 && dataStart + compressed <= head.Length)
            {
                var mime = Encoding.ASCII.GetString(head.Slice(dataStart, (int)compressed));
                if (mime.StartsWith("application/vnd.oasis.opendocument.", StringComparison.Ordinal))
                    return new(mime, MediaKind.Document, "OpenDocument file");
            }
            if (name.StartsWith("word/", StringComparison.Ordinal))
                return new("application/vnd.openxmlformats-officedocument.wordprocessingml.document", MediaKind.Document, "Word document (DOCX)");
            if (name.StartsWith("xl/", StringComparison.Ordinal))
                return new("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", MediaKind.Document, "Excel workbook (XLSX)");
            if (name.StartsWith("ppt/", StringComparison.Ordinal))
                return new("application/vnd.openxmlformats-officedocument.presentationml.presentation", MediaKind.Document, "PowerPoint deck (PPTX)");
            // With a data descriptor (flag bit 3) the size is not in the header: the next entry cannot be found.
            if ((flags & 0x8) != 0) break;
            offset = dataStart + (int)Math.Min(compressed, int.MaxValue / 2);
        }
        return new("application/zip", MediaKind.Document, "ZIP archive", Accepted: false);
    }

    private static DetectedType? Text(ReadOnlySpan<byte> head)
    {
        if (head.IsEmpty) return null;
        var sample = head.StartsWith(Utf8Bom) ? head[3..] : head;
        // A multi-byte character may be cut at the end of the sample.
        var trimmed = sample.Length == HeaderSize ? sample[..^4] : sample;
        if (!Utf8.IsValid(trimmed)) return null;
        foreach (var b in trimmed)
        {
            if (b < 0x20 && b is not (byte)'\t' and not (byte)'\n' and not (byte)'\r' and not 0x0C) return null;
        }
        var start = Encoding.UTF8.GetString(trimmed[..Math.Min(trimmed.Length, 512)]).TrimStart();
        if (start.StartsWith("<!DOCTYPE html", StringComparison.OrdinalIgnoreCase) || start.StartsWith("<html", StringComparison.OrdinalIgnoreCase))
            return new("text/html", MediaKind.Document, "HTML document");
        return new("text/plain", MediaKind.Document, "plain text");
    }
}
