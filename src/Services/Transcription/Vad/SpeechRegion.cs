namespace MagicHub.Transcription.Vad;

/// <summary>A stretch of speech in seconds from the start of the audio.</summary>
public readonly record struct SpeechRegion(double Start, double End);

/// <summary>Finds speech regions in 16 kHz mono PCM.</summary>
public interface IVoiceActivityDetector
{
    string Name { get; }

    IReadOnlyList<SpeechRegion> Detect(ReadOnlySpan<short> pcm);
}
