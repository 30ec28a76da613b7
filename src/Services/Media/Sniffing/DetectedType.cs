using MagicHub.Media.Contracts;

namespace MagicHub.Media.Sniffing;

/// <summary>What the first bytes of a file say it is.</summary>
/// <param name="ContentType">The media type, e.g. <c>audio/wav</c>.</param>
/// <param name="Kind">
/// The kind (use) it is accepted for. Video containers (MP4, WebM, Matroska, 3GPP) count as audio: browsers'
/// MediaRecorder and phone apps store call recordings in them.
/// </param>
/// <param name="Description">A short human name for error messages, e.g. <c>WAV audio</c>.</param>
/// <param name="Accepted">False for formats recognized only to name them in the refusal (plain ZIP, legacy OLE, AVI).</param>
public sealed record DetectedType(string ContentType, MediaKind Kind, string Description, bool Accepted = true);
