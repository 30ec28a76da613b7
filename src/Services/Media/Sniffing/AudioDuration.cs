using System.Buffers.Binary;

namespace MagicHub.Media.Sniffing;

/// <summary>Audio duration read cheaply from a header (WAV fmt/data chunks, FLAC STREAMINFO); null when not in the header.</summary>
public static class AudioDuration
{
    /// <summary>Seconds of audio described by <paramref name="head"/> of a file of <paramref name="size"/> bytes.</summary>
    public static double? FromHeader(string contentType, ReadOnlySpan<byte> head, long size) => contentType switch
    {
        "audio/wav" => Wav(head, size),
        "audio/flac" => Flac(head),
        _ => null,
    };

    private static double? Wav(ReadOnlySpan<byte> head, long size)
    {
        var offset = 12;
        uint byteRate = 0;
        for (var chunks = 0; chunks < 32 && offset + 8 <= head.Length; chunks++)
        {
            var id = head.Slice(offset, 4);
            var length = BinaryPrimitives.ReadUInt32LittleEndian(head.Slice(offset + 4, 4));
            if (id.SequenceEqual("fmt "u8) && offset + 16 <= head.Length)
            {
                byteRate = BinaryPrimitives.ReadUInt32LittleEndian(head.Slice(offset + 16, 4));
            }
            else if (id.SequenceEqual("data"u8))
            {
                if (byteRate == 0) return null;
                // Streaming writers leave 0 or 0xFFFFFFFF in the data size: fall back to the bytes actually present.
                var dataBytes = length is 0 or uint.MaxValue || offset + 8 + (long)length > size ? size - offset - 8 : length;
                return Math.Round(dataBytes / (double)byteRate, 3);
            }
            offset += 8 + (int)Math.Min(length + (length & 1), int.MaxValue / 2);
        }
        return null;
    }

    private static double? Flac(ReadOnlySpan<byte> head)
    {
        // fLaC, then the STREAMINFO block header (4 bytes) and body: sample rate is 20 bits at body byte 10, total samples 36 bits.
        if (head.Length < 8 + 18 || (head[4] & 0x7F) != 0) return null;
        var body = head.Slice(8, 18);
        var sampleRate = (body[10] << 12) | (body[11] << 4) | (body[12] >> 4);
        var totalSamples = ((long)(body[13] & 0x0F) << 32) | BinaryPrimitives.ReadUInt32BigEndian(body.Slice(14, 4));
        return sampleRate == 0 || totalSamples == 0 ? null : Math.Round(totalSamples / (double)sampleRate, 3);
    }
}
