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
    private readonly LiveCepstralMean? _cepstralMean;
    private nint _config;
    private nint _decoder;

    private static readonly Lock ModelLoadLock = new();

    public PocketSphinxDecoder(PocketSphinxOptions options)
    {
        _rescoreDigits = options.DigitGrammarRescoring;
        var arguments = new Dictionary<string, string>
        {
            ["-hmm"] = options.AcousticModel,
            ["-lm"] = options.LanguageModel,
            ["-dict"] = options.Dictionary,
            ["-logfn"] = "/dev/null",
            ["-fwdflat"] = options.FlatLexiconPass ? "yes" : "no",
            ["-maxhmmpf"] = options.MaxHmmsPerFrame.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["-maxwpf"] = options.MaxWordsPerFrame.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var (name, value) in options.ExtraArguments)
        {
            arguments[name.StartsWith('-') ? name : "-" + name] = value;
        }

        var args = arguments.SelectMany(a => new[] { a.Key, a.Value }).ToList();

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

        _cepstralMean = LiveCepstralMean.TryAttach(_decoder);
        if (_rescoreDigits)
        {
            // Compiled once with the decoder (off the request path); the default search stays active.
            Check(PocketSphinxNative.SetJsgfString(_decoder, DigitsSearch, DigitsGrammar), "ps_set_jsgf_string");
            Check(PocketSphinxNative.SetSearch(_decoder, DefaultSearch), "ps_set_search");
        }
    }

    /// <summary>
    /// Puts the decoder's adaptation state back to how the model loaded it; false when this library build's state
    /// cannot be reached (the caller then loads a fresh decoder instead).
    /// </summary>
    public bool TryResetAdaptation()
    {
        if (_cepstralMean is null)
        {
            return false;
        }

        _cepstralMean.Reset();
        return true;
    }

    /// <summary>
    /// Decodes one long stretch of 16 kHz mono audio as a single stream, splitting utterances at the decoder's
    /// own voice activity detection exactly as <c>pocketsphinx_continuous</c> does; returns the utterances' words.
    /// Utterances made mostly of digit-like words are replaced by a second stream pass with a digits-only grammar.
    /// </summary>
    public List<List<RecognizedWord>> Decode(ReadOnlySpan<short> pcm, CancellationToken cancellationToken)
    {
        var utterances = Stream(pcm, cancellationToken);
        var flagged = _rescoreDigits ? Enumerable.Range(0, utterances.Count).Where(i => DigitRescoring.LooksLikeDigits(utterances[i])).ToList() : [];
        if (flagged.Count == 0)
        {
            return utterances;
        }

        // The digits pass re-streams only each flagged utterance (with a margin), times shifted back to the channel's clock.
        Check(PocketSphinxNative.SetSearch(_decoder, DigitsSearch), "ps_set_search");
        try
        {
            RescoreDigits(pcm, utterances, flagged, cancellationToken);
        }
        finally
        {
            Check(PocketSphinxNative.SetSearch(_decoder, DefaultSearch), "ps_set_search");
        }

        return utterances;
    }

    private void RescoreDigits(ReadOnlySpan<short> pcm, List<List<RecognizedWord>> utterances, List<int> flagged, CancellationToken cancellationToken)
    {
        foreach (var i in flagged)
        {
            var from = Math.Clamp((int)((utterances[i][0].Start - 0.5) * 16_000), 0, pcm.Length);
            var to = Math.Clamp((int)((utterances[i][^1].End + 0.5) * 16_000), from, pcm.Length);
            var offset = from / 16_000.0;
            var digits = Stream(pcm[from..to], cancellationToken).SelectMany(u => u)
                .Select(w => w with { Start = w.Start + offset, End = w.End + offset }).ToList();
            utterances[i] = DigitRescoring.Replace(utterances[i], digits);
        }
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

    /// <summary>
    /// The live cepstral mean normalization of the feature extractor: the only decoder state that carries from one
    /// stream to the next. The library offers no reset short of reloading every model (~1 s, ~170 MB of allocation),
    /// so the state is restored in place. Field offsets are those of Debian's sphinxbase 0.8+5prealpha on 64-bit
    /// (<c>feat_t.cmn</c> at 0x44, <c>feat_t.cmn_struct</c> at 0x58; <c>cmn_t</c> = mean, var, sum, nframe, veclen) and
    /// are checked against the freshly loaded state before use.
    /// </summary>
    private sealed unsafe class LiveCepstralMean
    {
        private const int CmnTypeOffset = 0x44;
        private const int CmnStructOffset = 0x58;
        private readonly byte* _feature;
        private readonly byte* _cmn;
        private readonly int _initialType;
        private readonly float[] _initialMean;

        private LiveCepstralMean(byte* feature, byte* cmn, int type, float[] mean)
        {
            _feature = feature;
            _cmn = cmn;
            _initialType = type;
            _initialMean = mean;
        }

        public static LiveCepstralMean? TryAttach(nint decoder)
        {
            if (IntPtr.Size != 8 || PocketSphinxNative.Feature(decoder) is var feature && feature == 0)
            {
                return null;
            }

            var f = (byte*)feature;
            var type = *(int*)(f + CmnTypeOffset);
            var cmn = *(byte**)(f + CmnStructOffset);
            if (type is not (1 or 2) || cmn == null)
            {
                return null; // CMN none (nothing to reset) or an unknown layout
            }

            var mean = *(float**)cmn;
            var sum = *(float**)(cmn + 0x10);
            var frames = *(int*)(cmn + 0x18);
            var length = *(int*)(cmn + 0x1c);
            if (mean == null || sum == null || frames != 0 || length is < 1 or > 64)
            {
                return null;
            }

            var initial = new float[length];
            for (var i = 0; i < length; i++)
            {
                if (!float.IsFinite(mean[i]) || sum[i] != 0)
                {
                    return null;
                }

                initial[i] = mean[i];
            }

            return new LiveCepstralMean(f, cmn, type, initial);
        }

        public void Reset()
        {
            var mean = *(float**)_cmn;
            var sum = *(float**)(_cmn + 0x10);
            for (var i = 0; i < _initialMean.Length; i++)
            {
                mean[i] = _initialMean[i];
                sum[i] = 0;
            }

            *(int*)(_cmn + 0x18) = 0;
            *(int*)(_feature + CmnTypeOffset) = _initialType;
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
