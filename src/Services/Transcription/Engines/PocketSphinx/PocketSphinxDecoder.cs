using System.Runtime.InteropServices;

namespace MagicHub.Transcription.Engines.PocketSphinx;

/// <summary>A recognized word with its stream time in seconds and posterior confidence.</summary>
public sealed record RecognizedWord(string Word, double Start, double End, double Confidence);

/// <summary>One native PocketSphinx decoder. Not thread-safe: the pool hands it to one caller at a time.</summary>
internal sealed class PocketSphinxDecoder : IDisposable
{
    private const int FramesPerSecond = 100;
    private const int ChunkSamples = 2048; // what pocketsphinx_continuous reads per call
    private nint _config;
    private nint _decoder;

    public PocketSphinxDecoder(PocketSphinxOptions options)
    {
        var args = new List<string>
        {
            "-hmm", options.AcousticModel, "-lm", options.LanguageModel, "-dict", options.Dictionary, "-logfn", "/dev/null",
        };
        foreach (var (name, value) in options.ExtraArguments)
        {
            args.Add(name.StartsWith('-') ? name : "-" + name);
            args.Add(value);
        }

        var argv = args.Select(Marshal.StringToCoTaskMemUTF8).ToArray();
        try
        {
            _config = PocketSphinxNative.ParseConfig(0, PocketSphinxNative.Args(), argv.Length, argv, 1);
        }
        finally
        {
            foreach (var p in argv)
            {
                Marshal.FreeCoTaskMem(p);
            }
        }

        if (_config == 0)
        {
            throw new InvalidOperationException("PocketSphinx rejected its configuration: " + string.Join(' ', args));
        }

        _decoder = PocketSphinxNative.Init(_config);
        if (_decoder == 0)
        {
            _ = PocketSphinxNative.FreeConfig(_config);
            throw new InvalidOperationException(
                $"PocketSphinx could not load its models (hmm={options.AcousticModel}, lm={options.LanguageModel}, dict={options.Dictionary}).");
        }
    }

    /// <summary>
    /// Decodes one long stretch of 16 kHz mono audio as a single stream, splitting utterances at the decoder's
    /// own voice activity detection exactly as <c>pocketsphinx_continuous</c> does; returns the utterances' words.
    /// </summary>
    public unsafe List<List<RecognizedWord>> Decode(ReadOnlySpan<short> pcm, CancellationToken cancellationToken)
    {
        var utterances = new List<List<RecognizedWord>>();
        Check(PocketSphinxNative.StartStream(_decoder), "ps_start_stream");
        Check(PocketSphinxNative.StartUtterance(_decoder), "ps_start_utt");
        var started = false;
        fixed (short* start = pcm)
        {
            for (var offset = 0; offset < pcm.Length; offset += ChunkSamples)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var count = Math.Min(ChunkSamples, pcm.Length - offset);
                Check(PocketSphinxNative.ProcessRaw(_decoder, start + offset, (nuint)count, 0, 0), "ps_process_raw");
                var inSpeech = PocketSphinxNative.InSpeech(_decoder) != 0;
                if (inSpeech && !started)
                {
                    started = true;
                }
                else if (!inSpeech && started)
                {
                    Check(PocketSphinxNative.EndUtterance(_decoder), "ps_end_utt");
                    utterances.Add(Words());
                    Check(PocketSphinxNative.StartUtterance(_decoder), "ps_start_utt");
                    started = false;
                }
            }
        }

        Check(PocketSphinxNative.EndUtterance(_decoder), "ps_end_utt");
        if (started)
        {
            utterances.Add(Words());
        }

        utterances.RemoveAll(u => u.Count == 0);
        return utterances;
    }

    private List<RecognizedWord> Words()
    {
        var words = new List<RecognizedWord>();
        var logMath = PocketSphinxNative.LogMath(_decoder);
        for (var seg = PocketSphinxNative.SegmentIterator(_decoder); seg != 0; seg = PocketSphinxNative.SegmentNext(seg))
        {
            var word = Marshal.PtrToStringUTF8(PocketSphinxNative.SegmentWord(seg));
            if (string.IsNullOrEmpty(word) || IsFiller(word))
            {
                continue;
            }

            PocketSphinxNative.SegmentFrames(seg, out var sf, out var ef);
            var probability = PocketSphinxNative.SegmentProbability(seg, out _, out _, out _);
            var confidence = Math.Clamp(PocketSphinxNative.LogMathExp(logMath, probability), 0, 1);
            words.Add(new RecognizedWord(StripVariant(word), sf / (double)FramesPerSecond, (ef + 1) / (double)FramesPerSecond, confidence));
        }

        return words;
    }

    // Fillers look like <s>, </s>, <sil>, [NOISE], ++BREATH++; alternates are suffixed "(2)".
    private static bool IsFiller(string word) => word[0] is '<' or '[' || word.StartsWith("++", StringComparison.Ordinal);

    private static string StripVariant(string word)
    {
        var paren = word.IndexOf('(', StringComparison.Ordinal);
        return paren > 0 ? word[..paren] : word;
    }

    private static void Check(int rc, string call)
    {
        if (rc < 0)
        {
            throw new InvalidOperationException($"PocketSphinx {call} failed ({rc}).");
        }
    }

    public void Dispose()
    {
        if (_decoder != 0)
        {
            _ = PocketSphinxNative.Free(_decoder);
            _decoder = 0;
        }

        if (_config != 0)
        {
            _ = PocketSphinxNative.FreeConfig(_config);
            _config = 0;
        }
    }
}
