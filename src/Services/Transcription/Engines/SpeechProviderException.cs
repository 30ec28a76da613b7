namespace MagicHub.Transcription.Engines;

/// <summary>A cloud speech provider failed or answered something unusable; mapped to 502.</summary>
public sealed class SpeechProviderException(string message, Exception? inner = null) : Exception(message, inner);
