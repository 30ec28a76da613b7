using System.Buffers.Binary;
using System.Diagnostics;

namespace MagicHub.Calls.Tests;

/// <summary>
/// Short two-party calls synthesized once per run with festival (agent: slt, customer: kal) and sox; variants are
/// the same turns with different pauses, so each has its own content hash.
/// </summary>
public sealed class CallAudio : IDisposable
{
    private readonly short[] _agent;
    private readonly short[] _customer;

    public CallAudio()
    {
        Directory.CreateDirectory(Root);
        _agent = Synthesize("thank you for calling the bank how can i help you", "(voice_cmu_us_slt_arctic_hts)");
        _customer = Synthesize("i lost my credit card please block it", "(voice_kal_diphone)");
    }

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "magichub-calls-tests-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>A stereo call (agent left, customer right) whose pause length depends on <paramref name="variant"/>.</summary>
    public byte[] StereoCall(int variant)
    {
        var gap = new short[4000 + variant * 160];
        short[] left = [.. _agent, .. gap, .. new short[_customer.Length], .. gap];
        short[] right = [.. new short[_agent.Length], .. gap, .. _customer, .. gap];
        return Wav(left, right);
    }

    /// <summary>A short stereo call where only the customer speaks (half the decoding work), for load and fault tests.</summary>
    public byte[] CustomerOnlyCall(int variant)
    {
        var gap = new short[1600 + variant * 160];
        short[] right = [.. gap, .. _customer, .. gap];
        return Wav(new short[right.Length], right);
    }

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
        BinaryPrimitives.WriteInt32LittleEndian(s[28..], 16000 * 4);
        BinaryPrimitives.WriteInt16LittleEndian(s[32..], 4);
        BinaryPrimitives.WriteInt16LittleEndian(s[34..], 16);
        "data"u8.CopyTo(s[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(s[40..], data);
        for (var i = 0; i < left.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(s[(44 + i * 4)..], left[i]);
            BinaryPrimitives.WriteInt16LittleEndian(s[(46 + i * 4)..], right[i]);
        }
        return wav;
    }

    private static void Run(string file, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        if (!process.WaitForExit(60_000) || process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} failed: {error}");
        }
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
