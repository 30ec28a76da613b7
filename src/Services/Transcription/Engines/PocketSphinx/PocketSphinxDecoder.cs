using System.Runtime.InteropServices;

namespace MagicHub.Transcription.Engines.PocketSphinx;

/// <summary>A recognized word with its stream time in seconds and posterior confidence.</summary>
public sealed record RecognizedWord(string Word, double Start, double End, double Confidence);

/// <summary>One native PocketSphinx decoder. Not thread-safe: the pool hands it to one caller at a time.</summary>
internal sealed class PocketSphinxDecoder : IDisposable
{
    private const int FramesPerSecond = 100;
    private const int ChunkSamples = 2048; // what pocketsphinx_continuous reads per call
    private const string DefaultSearch = "_default";
    private const string DigitsSearch = "digits";
    private const string DigitsGrammar = """
        #JSGF V1.0;
        grammar digits;
        public <digits> = <digit>+;
        <digit> = zero | oh | one | two | three | four | five | six | seven | eight | nine;
        """;

    private readonly bool _rescoreDigits;
    private bool _digitsLoaded;
    private nint _config;
    private nint _decoder;

    private static readonly Lock ModelLoadLock = new();

    public PocketSphinxDecoder(PocketSphinxOptions options)
    {
        _rescoreDigits = options.DigitGrammarRescoring;
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

        // Two decoders loading models at once deadlocked inside libc's stdio locks (seen under gdb:
        // bin_mdef_read vs bio_verify_chksum): model loading is serialized across the process.
        lock (ModelLoadLock)
        {
            _decoder = PocketSphinxNative.Init(_config);
        }
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
    /// Utterances made mostly of digit-like words are replaced by a second stream pass with a digits-only grammar.
    /// </summary>
    public List<List<RecognizedWord>> Decode(ReadOnlySpan<short> pcm, CancellationToken cancellationToken)
    {
        if (_digitsLoaded)
        {
            Check(PocketSphinxNative.SetSearch(_decoder, DefaultSearch), "ps_set_search");
        }

        var utterances = Stream(pcm, cancellationToken);
        var flagged = _rescoreDigits ? Enumerable.Range(0, utterances.Count).Where(i => DigitRescoring.LooksLikeDigits(utterances[i])).ToList() : [];
        if (flagged.Count == 0)
        {
            return utterances;
        }

        if (!_digitsLoaded)
        {
            Check(PocketSphinxNative.SetJsgfString(_decoder, DigitsSearch, DigitsGrammar), "ps_set_jsgf_string");
            _digitsLoaded = true;
        }

        // The digits pass re-streams only each flagged utterance (with a margin), times shifted back to the channel's clock.
        Check(PocketSphinxNative.SetSearch(_decoder, DigitsSearch), "ps_set_search");
        foreach (var i in flagged)
        {
            var from = Math.Clamp((int)((utterances[i][0].Start - 0.5) * 16_000), 0, pcm.Length);
            var to = Math.Clamp((int)((utterances[i][^1].End + 0.5) * 16_000), from, pcm.Length);
            var offset = from / 16_000.0;
            var digits = Stream(pcm[from..to], cancellationToken).SelectMany(u => u)
                .Select(w => w with { Start = w.Start + offset, End = w.End + offset }).ToList();
            utterances[i] = DigitRescoring.Replace(utterances[i], digits);
        }

        Check(PocketSphinxNative.SetSearch(_decoder, DefaultSearch), "ps_set_search");
        return utterances;
    }

    private unsafe List<List<RecognizedWord>> Stream(ReadOnlySpan<short> pcm, CancellationToken cancellationToken)
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

    // Fillers look like <s>, </s>, <sil>, [NOISE], ++BREATH++, grammar null arcs (NULL); alternates are suffixed "(2)".
    private static bool IsFiller(string word) => word[0] is '<' or '[' or '(' || word.StartsWith("++", StringComparison.Ordinal);

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
