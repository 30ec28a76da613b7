using System.ComponentModel.DataAnnotations;

namespace MagicHub.Transcription.Engines.PocketSphinx;

/// <summary>Model paths and pool size of the offline PocketSphinx engine (section <c>Transcription:PocketSphinx</c>).</summary>
public sealed class PocketSphinxOptions
{
    public const string Section = "Transcription:PocketSphinx";

    /// <summary>Acoustic model directory (<c>-hmm</c>).</summary>
    [Required]
    public string AcousticModel { get; set; } = "/usr/share/pocketsphinx/model/en-us/en-us";

    /// <summary>N-gram language model (<c>-lm</c>); point it at a domain-adapted model to improve accuracy.</summary>
    [Required]
    public string LanguageModel { get; set; } = "/usr/share/pocketsphinx/model/en-us/en-us.lm.bin";

    /// <summary>Pronunciation dictionary (<c>-dict</c>).</summary>
    [Required]
    public string Dictionary { get; set; } = "/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict";

    /// <summary>Extra decoder arguments as <c>-name value</c> pairs (e.g. <c>-lw 6.5</c>).</summary>
    public Dictionary<string, string> ExtraArguments { get; set; } = [];

    /// <summary>Decoders kept warm; 0 = sized from processor count and <see cref="MemoryBudgetMb"/>.</summary>
    [Range(0, 64)]
    public int PoolSize { get; set; }

    /// <summary>Memory the pool may use; each decoder holds about 170 MB.</summary>
    [Range(200, 1_000_000)]
    public int MemoryBudgetMb { get; set; } = 1024;

    /// <summary>
    /// Start every stream from the model's initial adaptation state, so no state leaks between calls and the same audio
    /// always gives the same words. The live cepstral mean is reset in place; where that is not possible (an
    /// unrecognized library build) the decoder is replaced by a freshly loaded one instead.
    /// </summary>
    public bool FreshDecoderPerStream { get; set; } = true;

    /// <summary>
    /// Run the second, flat-lexicon search pass (<c>-fwdflat</c>) after the tree search, as the library does by default.
    /// Turning it off saves about a quarter of the decoding time; on the sample calls the word error rate stayed the
    /// same, but it loses words the tree search alone gets wrong ("block the cards right away" came back as "block
    /// the car drive away").
    /// </summary>
    public bool FlatLexiconPass { get; set; } = true;

    /// <summary>
    /// Beam cap: most HMMs kept active per frame (<c>-maxhmmpf</c>; the library default is 30000). 3000 cut decoding
    /// time by about a third with no change in word error rate on the sample calls.
    /// </summary>
    [Range(100, 100_000)]
    public int MaxHmmsPerFrame { get; set; } = 3000;

    /// <summary>Most distinct words that may end in one frame (<c>-maxwpf</c>; the library default is unlimited).</summary>
    [Range(1, 1000)]
    public int MaxWordsPerFrame { get; set; } = 10;

    /// <summary>
    /// Re-decode utterances made mostly of digit-like words ("for eight zero three one was") with a digits-only
    /// grammar, so spoken card, phone and order numbers come back as digit strings.
    /// </summary>
    public bool DigitGrammarRescoring { get; set; } = true;

    /// <summary>Effective pool size: one decoder per core, bounded by the memory budget, at least one.</summary>
    public int EffectivePoolSize => PoolSize > 0 ? PoolSize : Math.Max(1, Math.Min(Environment.ProcessorCount, MemoryBudgetMb / 170));
}
