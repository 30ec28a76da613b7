using System.Buffers.Binary;
using System.Diagnostics;

namespace MagicHub.Transcription.Tests;

/// <summary>
/// Synthesizes a small two-party call at test time with festival (the samples' voices: slt for the agent, kal for the
/// customer) and sox, and derives the bad inputs from it. Generated once per test run into a temp directory.
/// </summary>
public sealed class TestAudio : IDisposable
{
    public static readonly (string Speaker, string Text)[] Turns =
    [
        ("Agent", "thank you for calling the bank how can i help you"),
        ("Customer", "my card number is five five five five four four four four"),
        ("Agent", "thank you i will block the card right away"),
    ];

    public TestAudio()
    {
        Directory.CreateDirectory(Root);
        var left = new List<short>();
        var right = new List<short>();
        var gap = new short[8000];
        foreach (var (speaker, text) in Turns)
        {
            var pcm = Synthesize(text, speaker == "Agent" ? "(voice_cmu_us_slt_arctic_hts)" : "(voice_kal_diphone)");
            var silence = new short[pcm.Length];
            left.AddRange(speaker == "Agent" ? pcm : silence);
            right.AddRange(speaker == "Agent" ? silence : pcm);
            left.AddRange(gap);
            right.AddRange(gap);
        }

        StereoWav = Path.Combine(Root, "call.stereo.wav");
        File.WriteAllBytes(StereoWav, Wav([.. left], [.. right]));
        MonoMp3 = Path.Combine(Root, "call.mono.mp3");
        Run("ffmpeg", "-v", "error", "-y", "-i", StereoWav, "-ac", "1", "-b:a", "64k", MonoMp3);
    }

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "magichub-transcription-tests-" + Guid.NewGuid().ToString("N")[..8]);

    public string StereoWav { get; }

    public string MonoMp3 { get; }

    /// <summary>A WAV header that announces no samples.</summary>
    public static byte[] EmptyWav() => Wav([], []);

    private static short[] Synthesize(string text, string voice) => SpeechAudio.Synthesize(text, voice);

    private static byte[] Wav(short[] left, short[] right) => SpeechAudio.StereoWav(left, right);

    private static void Run(string file, params string[] args) => SpeechAudio.Run(file, args);

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
