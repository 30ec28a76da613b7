using System.Buffers.Binary;
using System.Diagnostics;

namespace MagicHub.Testing;

/// <summary>Test speech made at test time with festival (<c>text2wave</c>) and sox, and 16 kHz stereo WAV files of it.</summary>
public static class SpeechAudio
{
    /// <summary>The voice of the sample calls' agents.</summary>
    public const string AgentVoice = "(voice_cmu_us_slt_arctic_hts)";

    /// <summary>The voice of the sample calls' customers.</summary>
    public const string CustomerVoice = "(voice_kal_diphone)";

    /// <summary>Speaks <paramref name="text"/> with <paramref name="voice"/> as 16 kHz mono 16-bit samples.</summary>
    public static short[] Synthesize(string text, string voice)
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

    /// <summary>A 16 kHz, 16-bit stereo WAV file with <paramref name="left"/> and <paramref name="right"/> as its channels.</summary>
    public static byte[] StereoWav(short[] left, short[] right)
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

    /// <summary>Runs a tool to completion (bounded), failing with its error output.</summary>
    public static void Run(string file, params string[] args)
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
}
