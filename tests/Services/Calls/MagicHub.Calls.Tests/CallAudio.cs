using MagicHub.Testing;

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
        _agent = SpeechAudio.Synthesize("thank you for calling the bank how can i help you", SpeechAudio.AgentVoice);
        _customer = SpeechAudio.Synthesize("i lost my credit card please block it", SpeechAudio.CustomerVoice);
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

    private static byte[] Wav(short[] left, short[] right) => SpeechAudio.StereoWav(left, right);

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
