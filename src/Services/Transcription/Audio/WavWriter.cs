using System.Buffers.Binary;

namespace MagicHub.Transcription.Audio;

/// <summary>Writes 16 kHz mono 16-bit PCM as a WAV file image (for providers that need one channel or an unsupported container).</summary>
public static class WavWriter
{
    public static byte[] Mono(ReadOnlySpan<short> pcm)
    {
        var data = pcm.Length * 2;
        var wav = new byte[44 + data];
        var span = wav.AsSpan();
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], 36 + data);
        "WAVEfmt "u8.CopyTo(span[8..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(span[20..], 1);
        BinaryPrimitives.WriteInt16LittleEndian(span[22..], 1);
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], DecodedAudio.SampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(span[28..], DecodedAudio.SampleRate * 2);
        BinaryPrimitives.WriteInt16LittleEndian(span[32..], 2);
        BinaryPrimitives.WriteInt16LittleEndian(span[34..], 16);
        "data"u8.CopyTo(span[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[40..], data);
        for (var i = 0; i < pcm.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(span[(44 + (2 * i))..], pcm[i]);
        }

        return wav;
    }
}
