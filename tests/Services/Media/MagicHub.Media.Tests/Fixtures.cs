using System.IO.Compression;
using System.Text;

namespace MagicHub.Media.Tests;

/// <summary>Test files generated in code: real headers of each format, deterministic content.</summary>
internal static class Fixtures
{
    /// <summary>A 16-bit mono PCM WAV of a sine tone.</summary>
    public static byte[] Wav(double seconds = 1.0, int sampleRate = 16000, double frequency = 440)
    {
        var samples = (int)(seconds * sampleRate);
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write("RIFF"u8);
        writer.Write(36 + samples * 2);
        writer.Write("WAVEfmt "u8);
        writer.Write(16);
        writer.Write((short)1);
        writer.Write((short)1);
        writer.Write(sampleRate);
        writer.Write(sampleRate * 2);
        writer.Write((short)2);
        writer.Write((short)16);
        writer.Write("data"u8);
        writer.Write(samples * 2);
        for (var i = 0; i < samples; i++)
        {
            writer.Write((short)(Math.Sin(2 * Math.PI * frequency * i / sampleRate) * 8000));
        }
        writer.Flush();
        return stream.ToArray();
    }

    /// <summary>A PNG signature and IHDR chunk followed by filler (enough for sniffing).</summary>
    public static byte[] Png(int extra = 1000, byte fill = 7) =>
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0, .. Enumerable.Repeat(fill, extra)];

    public static byte[] Jpeg() => [0xFF, 0xD8, 0xFF, 0xE0, 0, 16, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xFF, 0xD9];

    public static byte[] Pdf() => Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    public static byte[] Mp3WithId3() => [(byte)'I', (byte)'D', (byte)'3', 3, 0, 0, 0, 0, 0, 0, 0xFF, 0xFB, 0x90, 0x64, .. new byte[400]];

    public static byte[] Mp3Frame() => [0xFF, 0xFB, 0x90, 0x64, .. new byte[400]];

    public static byte[] Ogg() => [.. "OggS"u8, 0, 2, .. new byte[100]];

    public static byte[] Flac() => [.. "fLaC"u8, 0x80, 0, 0, 34, .. new byte[34]];

    public static byte[] M4a() => [0, 0, 0, 0x20, .. "ftypM4A "u8, 0, 0, 0, 0, .. "M4A isom"u8, .. new byte[64]];

    public static byte[] WebM() => [0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84, .. "webm"u8, .. new byte[64]];

    public static byte[] Tiff() => [.. "II*\0"u8, 8, 0, 0, 0, .. new byte[64]];

    /// <summary>A minimal Word document: a zip with the entries Word writes.</summary>
    public static byte[] Docx(string text = "Hello")
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, "[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
            Add(zip, "_rels/.rels", "<Relationships/>");
            Add(zip, "word/document.xml", $"<w:document><w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>");
        }
        return stream.ToArray();
    }

    public static byte[] Zip()
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, "notes.txt", "just an archive");
        }
        return stream.ToArray();
    }

    private static void Add(ZipArchive zip, string name, string content)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name).Open());
        writer.Write(content);
    }
}
