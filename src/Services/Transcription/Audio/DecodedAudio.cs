namespace MagicHub.Transcription.Audio;

/// <summary>An upload spooled to a temporary file, with its declared and sniffed MIME types.</summary>
public sealed record AudioUpload(string Path, long Length, string? DeclaredMimeType, string MimeType, string? FileName);

/// <summary>16 kHz signed 16-bit PCM, one array per channel (1 for mono, 2 for stereo calls).</summary>
public sealed record DecodedAudio(IReadOnlyList<short[]> Channels)
{
    public const int SampleRate = 16_000;

    public double DurationSeconds => Channels.Count == 0 ? 0 : Channels[0].Length / (double)SampleRate;

    public bool IsStereo => Channels.Count == 2;
}
