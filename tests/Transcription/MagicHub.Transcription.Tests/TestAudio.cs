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

    private static short[] Synthesize(string text, string voice)
    {
        var dir = Path.Combine(Path.GetTempPath(), "magichub-tts-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        try
        {
            File.WriteAllText(Path.Combine(dir, "t.txt"), text);
            Run("text2wave", "-eval", voice, Path.Combine(dir, "t.txt"), "-o", Path.Combine(dir, "t.wav"));
            Run("sox", Path.Combine(dir, "t.wav"), "-r", "16000", "-c", "1", "-b", "16", "-e", "signed-integer", Path.Combine(dir, "t.raw"));
            var bytes = File.ReadAllBytes(Path.Combine(dir, "t.raw"));
            var pcm = new short[bytes.Length / 2];
            Buffer.BlockCopy(bytes, 0, pcm, 0, pcm.Length * 2);
            return pcm;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static byte[] Wav(short[] left, short[] right)
    {
        var data = left.Length * 4;
        var wav = new byte[44 + data];
        var s = wav.AsSpan();
        "RIFF"u8.CopyTo(s);
        BinaryPrimitives.WriteInt32LittleEndian(s[4..], 36 + data);
        "WAVEfmt "u8.CopyTo(s[8..]);
        BinaryPrimitives.WriteInt32LittleEndian(s[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(s[20..], 1);
        BinaryPrimitives.WriteInt16LittleEndian(s[22..], 2);
        BinaryPrimitives.WriteInt32LittleEndian(s[24..], 16000);
        BinaryPrimitives.WriteInt32LittleEndian(s[28..], 64000);
        BinaryPrimitives.WriteInt16LittleEndian(s[32..], 4);
        BinaryPrimitives.WriteInt16LittleEndian(s[34..], 16);
        "data"u8.CopyTo(s[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(s[40..], data);
        for (var i = 0; i < left.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(s[(44 + (4 * i))..], left[i]);
            BinaryPrimitives.WriteInt16LittleEndian(s[(46 + (4 * i))..], right[i]);
        }

        return wav;
    }

    private static void Run(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        using var p = Process.Start(info)!;
        var stderr = p.StandardError.ReadToEndAsync();
        p.StandardOutput.ReadToEnd();
        if (!p.WaitForExit(60_000))
        {
            p.Kill();
            throw new TimeoutException($"{file} did not finish");
        }

        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} failed: {stderr.Result}");
        }
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
