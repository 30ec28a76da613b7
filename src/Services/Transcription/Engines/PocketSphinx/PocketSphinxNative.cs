using System.Runtime.InteropServices;

namespace MagicHub.Transcription.Engines.PocketSphinx;

/// <summary>P/Invoke surface of Debian's libpocketsphinx3 (5prealpha API) and libsphinxbase3.</summary>
internal static partial class PocketSphinxNative
{
    private const string Ps = "libpocketsphinx.so.3";
    private const string Sb = "libsphinxbase.so.3";

    [LibraryImport(Ps, EntryPoint = "ps_args")]
    internal static partial nint Args();

    [LibraryImport(Sb, EntryPoint = "cmd_ln_parse_r")]
    internal static partial nint ParseConfig(nint inout, nint definitions, int argc, nint[] argv, int strict);

    [LibraryImport(Sb, EntryPoint = "cmd_ln_free_r")]
    internal static partial int FreeConfig(nint config);

    [LibraryImport(Ps, EntryPoint = "ps_init")]
    internal static partial nint Init(nint config);

    [LibraryImport(Ps, EntryPoint = "ps_free")]
    internal static partial int Free(nint decoder);

    [LibraryImport(Ps, EntryPoint = "ps_start_stream")]
    internal static partial int StartStream(nint decoder);

    [LibraryImport(Ps, EntryPoint = "ps_start_utt")]
    internal static partial int StartUtterance(nint decoder);

    [LibraryImport(Ps, EntryPoint = "ps_end_utt")]
    internal static partial int EndUtterance(nint decoder);

    [LibraryImport(Ps, EntryPoint = "ps_process_raw")]
    internal static unsafe partial int ProcessRaw(nint decoder, short* data, nuint samples, int noSearch, int fullUtterance);

    [LibraryImport(Ps, EntryPoint = "ps_get_in_speech")]
    internal static partial byte InSpeech(nint decoder);

    [LibraryImport(Ps, EntryPoint = "ps_seg_iter")]
    internal static partial nint SegmentIterator(nint decoder);

    [LibraryImport(Ps, EntryPoint = "ps_seg_next")]
    internal static partial nint SegmentNext(nint segment);

    [LibraryImport(Ps, EntryPoint = "ps_seg_word")]
    internal static partial nint SegmentWord(nint segment);

    [LibraryImport(Ps, EntryPoint = "ps_seg_frames")]
    internal static partial void SegmentFrames(nint segment, out int startFrame, out int endFrame);

    [LibraryImport(Ps, EntryPoint = "ps_seg_prob")]
    internal static partial int SegmentProbability(nint segment, out int acoustic, out int language, out int backoff);

    [LibraryImport(Ps, EntryPoint = "ps_set_jsgf_string", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int SetJsgfString(nint decoder, string name, string jsgf);

    [LibraryImport(Ps, EntryPoint = "ps_set_search", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int SetSearch(nint decoder, string name);

    [LibraryImport(Ps, EntryPoint = "ps_get_feat")]
    internal static partial nint Feature(nint decoder);

    [LibraryImport(Ps, EntryPoint = "ps_get_logmath")]
    internal static partial nint LogMath(nint decoder);

    [LibraryImport(Sb, EntryPoint = "logmath_exp")]
    internal static partial double LogMathExp(nint logMath, int logValue);
}
